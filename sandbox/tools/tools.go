//go:build tools

// Package tools pins the Kubernetes commands that the sandbox builds, so that
// `go mod tidy` keeps them and `go build k8s.io/kubernetes/cmd/...` resolves.
package tools

import (
	_ "k8s.io/kubernetes/cmd/kube-apiserver"
	_ "k8s.io/kubernetes/cmd/kube-controller-manager"
	_ "k8s.io/kubernetes/cmd/kube-scheduler"
	_ "k8s.io/kubernetes/cmd/kubectl"
)

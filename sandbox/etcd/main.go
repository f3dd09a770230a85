// Command etcd is etcd's own server entry point, built at the version that
// Kubernetes pins, so the sandbox needs no separately downloaded etcd.
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() {
	etcdmain.Main(os.Args)
}

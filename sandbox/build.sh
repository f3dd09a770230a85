#!/usr/bin/env bash
# Builds the sandbox binaries (etcd, kube-apiserver, kube-controller-manager,
# kube-scheduler, kubectl, kwok, helm) from the Go module proxy into a cache
# directory keyed by every input that changes them. A second run with the
# same inputs does nothing. Prints the directory holding the binaries last.
#
#   PORTOLAN_CACHE_DIR   cache root (default: ${XDG_CACHE_HOME:-~/.cache}/portolan)
set -euo pipefail

[[ "${BASH_SOURCE[0]}" == */* ]] && cd "${BASH_SOURCE[0]%/*}"

KWOK_VERSION="v0.8.0"
HELM_VERSION="v4.3.1"

if ! command -v go >/dev/null 2>&1; then
  echo "sandbox build: no Go toolchain on PATH. Install Go 1.26 or newer (https://go.dev/doc/install) and run again." >&2
  exit 2
fi
GO_VERSION="$(go env GOVERSION)"
KUBE_VERSION="$(go list -m -f '{{.Version}}' k8s.io/kubernetes)"
ETCD_VERSION="$(go list -m -f '{{.Version}}' go.etcd.io/etcd/server/v3)"

cache_root="${PORTOLAN_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/portolan}"
key="$(cat go.mod go.sum build.sh etcd/main.go | { cat; echo "$GO_VERSION $KWOK_VERSION $HELM_VERSION"; } | sha256sum | cut -c1-12)"
out="$cache_root/sandbox/kube-$KUBE_VERSION-$key"

if [[ -f "$out/versions.json" ]]; then
  echo "sandbox build: cached binaries are current ($out)" >&2
  echo "$out/bin"
  exit 0
fi

started=$SECONDS
step() { printf 'sandbox build: [%4ss] %s\n' "$((SECONDS - started))" "$*" >&2; }

# go build -v names each package as it compiles; show a count, not the flood.
progress() {
  awk -v label="$1" '{ n++; if (n % 200 == 0) { printf "sandbox build:         %s: %d packages compiled\n", label, n > "/dev/stderr"; fflush("/dev/stderr") } }
    END { printf "sandbox build:         %s: %d packages compiled\n", label, n > "/dev/stderr" }'
}

tmp="$out.partial"
rm -rf "$tmp"
mkdir -p "$tmp/bin"
log="$tmp/build.log"

minor="${KUBE_VERSION#v1.}"; minor="${minor%%.*}"
stamp() {
  local pkg="$1"
  printf -- '-X %s.gitMajor=1 -X %s.gitMinor=%s -X %s.gitVersion=%s -X %s.gitTreeState=clean -X %s.buildDate=%s ' \
    "$pkg" "$pkg" "$minor" "$pkg" "$KUBE_VERSION" "$pkg" "$pkg" "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
}
kube_ldflags="-s -w $(stamp k8s.io/component-base/version)$(stamp k8s.io/client-go/pkg/version)"

fail() {
  echo "sandbox build: $1 failed after $((SECONDS - started))s; the last lines of $log:" >&2
  tail -n 30 "$log" >&2
  exit 1
}

step "downloading modules for Kubernetes $KUBE_VERSION and etcd $ETCD_VERSION"
go mod download >>"$log" 2>&1 || fail "go mod download"

step "compiling etcd, kube-apiserver, kube-controller-manager, kube-scheduler, kubectl (the long step on a cold cache)"
set +e
go build -v -ldflags "$kube_ldflags" -o "$tmp/bin/" \
  ./etcd \
  k8s.io/kubernetes/cmd/kube-apiserver \
  k8s.io/kubernetes/cmd/kube-controller-manager \
  k8s.io/kubernetes/cmd/kube-scheduler \
  k8s.io/kubernetes/cmd/kubectl 2> >(tee -a "$log" | progress kubernetes)
status=$?
set -e
wait
[[ $status -eq 0 ]] || fail "compiling the Kubernetes binaries"

step "compiling kwok $KWOK_VERSION"
GOBIN="$tmp/bin" go install -v -ldflags "-s -w" "sigs.k8s.io/kwok/cmd/kwok@$KWOK_VERSION" 2> >(tee -a "$log" | progress kwok) \
  || fail "compiling kwok"
wait

step "compiling helm $HELM_VERSION"
GOBIN="$tmp/bin" go install -v -ldflags "-s -w -X helm.sh/helm/v4/internal/version.version=$HELM_VERSION" \
  "helm.sh/helm/v4/cmd/helm@$HELM_VERSION" 2> >(tee -a "$log" | progress helm) || fail "compiling helm"
wait

step "copying kwok's default node and pod stages"
kwok_dir="$(cd "$tmp" && GOFLAGS=-mod=mod go mod download -json "sigs.k8s.io/kwok@$KWOK_VERSION" | sed -n 's/^\t"Dir": "\(.*\)",$/\1/p')"
mkdir -p "$tmp/kwok-stages"
for stage in node/fast/node-initialize.yaml node/heartbeat-with-lease/node-heartbeat-with-lease.yaml \
  pod/fast/pod-ready.yaml pod/fast/pod-complete.yaml pod/fast/pod-delete.yaml; do
  cp "$kwok_dir/kustomize/stage/$stage" "$tmp/kwok-stages/" || fail "copying kwok stage $stage"
done

cat >"$tmp/versions.json" <<EOF
{"kubernetes":"$KUBE_VERSION","etcd":"$ETCD_VERSION","kwok":"$KWOK_VERSION","helm":"$HELM_VERSION","go":"$GO_VERSION","builtSeconds":$((SECONDS - started))}
EOF
rm -rf "$out"
mv "$tmp" "$out"
step "done: binaries in $out/bin"
echo "$out/bin"

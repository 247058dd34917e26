#!/usr/bin/env bash
# Installs the pinned local-development tools into .tools/bin, building each from the Go
# module proxy with `go build -trimpath`. A tool already installed at its pinned version is
# skipped (recorded in .tools/bin/.versions/<tool>), so a second run takes well under a second.
# Builds use the default Go build and module caches, so a rebuild after a version-file wipe
# mostly just relinks.
set -euo pipefail

# ---- Pinned versions: the single place to change them. -------------------------------------
# The wrapper modules' go.mod files must require the same versions; this script checks that.
KUBERNETES_VERSION=v1.34.4 # kube-apiserver, kube-controller-manager, kubectl (e2e/tools/kubernetes)
ETCD_VERSION=v3.6.16       # go.etcd.io/etcd/server/v3 (e2e/tools/etcd)
PEBBLE_VERSION=v2.10.1     # pebble and pebble-challtestsrv (go install pkg@version)
HELM_VERSION=v3.22.0       # helm.sh/helm/v3 (go install pkg@version)
GATEWAY_API_VERSION=v1.4.1 # sigs.k8s.io/gateway-api: its standard-channel CRDs, for HTTP-01 through HTTPRoutes
# ----------------------------------------------------------------------------------------------

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
BIN="$ROOT/.tools/bin"
VERSIONS="$BIN/.versions"
SHARE="$ROOT/.tools/share"
LOGS="$ROOT/.tools/logs"
mkdir -p "$BIN" "$VERSIONS" "$SHARE" "$LOGS"

die() { echo "install.sh: ERROR: $*" >&2; exit 1; }

# Kubernetes binaries report their version from these variables (hack/lib/version.sh sets them
# the same way); without them they claim v0.0.0-master, which confuses helm and clients.
minor="${KUBERNETES_VERSION#v1.}"; minor="${minor%%.*}"
KUBE_LDFLAGS=""
for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
  KUBE_LDFLAGS+=" -X $pkg.gitVersion=$KUBERNETES_VERSION -X $pkg.gitMajor=1 -X $pkg.gitMinor=$minor"
done

go_checked=""
need_go() {
  [[ -n "$go_checked" ]] && return 0
  command -v go >/dev/null || die "'go' not found on PATH (Go >= 1.26 is required to build the tools)"
  go_checked=1
}

# Fails unless wrapper module $1 requires module $2 at version $3.
check_pin() {
  local dir="$1" mod="$2" want="$3" have
  have="$(cd "$dir" && go list -m -f '{{.Version}}' "$mod")" ||
    die "cannot read the version of $mod from $dir/go.mod"
  [[ "$have" == "$want" ]] ||
    die "$dir/go.mod requires $mod $have but install.sh pins $want; run: (cd $dir && go get $mod@$want && go mod tidy)"
}

# install <tool> <version> <command...>: runs the command, which must write the binary to
# $OUT, unless the tool is already installed at <version>.
install() {
  local tool="$1" version="$2"; shift 2
  if [[ -x "$BIN/$tool" && "$(cat "$VERSIONS/$tool" 2>/dev/null)" == "$version" ]]; then
    printf '%-24s %-9s already present\n' "$tool" "$version"
    return 0
  fi
  need_go
  local start log="$LOGS/$tool.log"
  start=$(date +%s)
  # Build to a temporary name so a failed build never leaves a half-written binary behind.
  OUT="$BIN/.$tool.tmp"
  rm -f "$OUT"
  if ! ( "$@" ) >"$log" 2>&1; then # subshell: a die() inside only fails this build
    tail -n 40 "$log" >&2
    die "building $tool $version failed (full log: $log)"
  fi
  [[ -x "$OUT" ]] || die "building $tool $version produced no binary (log: $log)"
  mv -f "$OUT" "$BIN/$tool"
  echo "$version" >"$VERSIONS/$tool"
  printf '%-24s %-9s built in %ss\n' "$tool" "$version" "$(($(date +%s) - start))"
}

# Builds package $2 inside wrapper module directory $1.
build_in() { (cd "$1" && go build -trimpath ${3:+-ldflags "$3"} -o "$OUT" "$2"); }

# `go install pkg@version [ldflags]` into a scratch GOBIN (it ignores -o), then move the binary
# to $OUT.
install_at() {
  local pkg="$1" gobin="$BIN/.gobin"
  rm -rf "$gobin"
  GOBIN="$gobin" go install -trimpath ${2:+-ldflags "$2"} "$pkg" &&
    mv -f "$gobin/$(basename "${pkg%@*}")" "$OUT"
  rm -rf "$gobin"
}

KUBE_MOD="$HERE/kubernetes"
ETCD_MOD="$HERE/etcd"
STANDINS_MOD="$HERE/standins"

build_kube() {
  check_pin "$KUBE_MOD" k8s.io/kubernetes "$KUBERNETES_VERSION"
  build_in "$KUBE_MOD" "k8s.io/kubernetes/cmd/$1" "$KUBE_LDFLAGS"
}
build_etcd() {
  check_pin "$ETCD_MOD" go.etcd.io/etcd/server/v3 "$ETCD_VERSION"
  # The etcd server's main package is the module root.
  build_in "$ETCD_MOD" go.etcd.io/etcd/server/v3
}
# certkeeper-standins is this repository's own source (e2e/tools/standins): its "version" is a
# hash of that source, so it is rebuilt exactly when the source changed.
standins_version() {
  (cd "$STANDINS_MOD" && cat go.mod go.sum ./*.go | sha256sum | cut -c 1-12)
}
build_standins() {
  check_pin "$STANDINS_MOD" k8s.io/client-go "v0.${KUBERNETES_VERSION#v1.}"
  build_in "$STANDINS_MOD" .
}
build_pebble() {
  install_at "github.com/letsencrypt/pebble/v2/cmd/$1@$PEBBLE_VERSION" "-X main.version=$PEBBLE_VERSION" || return 1
  # e2e/local/up.sh derives its Pebble config from upstream's test config; keep a copy so
  # starting the environment never needs the Go module cache.
  local src
  src="$(go env GOMODCACHE)/github.com/letsencrypt/pebble/v2@$PEBBLE_VERSION/test/config/pebble-config.json"
  mkdir -p "$SHARE/pebble" && cp -f "$src" "$SHARE/pebble/pebble-config.json" && chmod 644 "$SHARE/pebble/pebble-config.json"
}

install kube-apiserver          "$KUBERNETES_VERSION" build_kube kube-apiserver
install kube-controller-manager "$KUBERNETES_VERSION" build_kube kube-controller-manager
install kubectl                 "$KUBERNETES_VERSION" build_kube kubectl
install etcd                    "$ETCD_VERSION"       build_etcd
# The config copy is part of the pebble install: rebuild (cached, seconds) if it went missing.
[[ -f "$SHARE/pebble/pebble-config.json" ]] || rm -f "$VERSIONS/pebble"
install pebble                  "$PEBBLE_VERSION"     build_pebble pebble
install pebble-challtestsrv     "$PEBBLE_VERSION"     install_at "github.com/letsencrypt/pebble/v2/cmd/pebble-challtestsrv@$PEBBLE_VERSION"
install helm                    "$HELM_VERSION"       install_at "helm.sh/helm/v3/cmd/helm@$HELM_VERSION" \
  "-X helm.sh/helm/v3/internal/version.version=$HELM_VERSION" # as helm's Makefile does
install certkeeper-standins     "src-$(standins_version)" build_standins

# The Gateway API's standard CRDs, copied from its module (the Go module proxy is the one source
# reachable), so `make up` can install them: GatewayClass, Gateway, HTTPRoute, ReferenceGrant.
gateway_crds() {
  local dir="$SHARE/gateway-api" stamp="$VERSIONS/gateway-api-crds" module
  if [[ "$(cat "$stamp" 2>/dev/null)" == "$GATEWAY_API_VERSION" && -d "$dir" ]]; then
    printf '%-24s %-9s already present\n' gateway-api-crds "$GATEWAY_API_VERSION"
    return 0
  fi
  need_go
  module="$(go mod download -json "sigs.k8s.io/gateway-api@$GATEWAY_API_VERSION" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
  [[ -n "$module" && -d "$module/config/crd/standard" ]] || die "cannot download sigs.k8s.io/gateway-api@$GATEWAY_API_VERSION from the Go module proxy"
  rm -rf "$dir" && mkdir -p "$dir"
  for kind in gatewayclasses gateways httproutes referencegrants; do
    cp -f "$module/config/crd/standard/gateway.networking.k8s.io_$kind.yaml" "$dir/"
    chmod 644 "$dir/gateway.networking.k8s.io_$kind.yaml"
  done
  echo "$GATEWAY_API_VERSION" >"$stamp"
  printf '%-24s %-9s copied\n' gateway-api-crds "$GATEWAY_API_VERSION"
}
gateway_crds

#!/usr/bin/env bash
# Starts the local development environment in the background: etcd, kube-apiserver,
# kube-controller-manager, pebble-challtestsrv (DNS), Pebble (ACME CA) and
# certkeeper-standins (solver pods as local processes, an HTTP router on 127.0.0.1:80 for
# Ingresses; see e2e/README.md), then the operator. All state lives
# in .local/ (logs in .local/logs/<component>.log). Idempotent: components already running
# are left alone, so a second run while everything is up only re-applies the CRDs and restarts
# the operator if its jar changed.
# Stop with e2e/local/down.sh (make down), which also wipes the cluster state.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
T0=$(now)

# ---- Preflight ----------------------------------------------------------------------------
for tool in etcd kube-apiserver kube-controller-manager kubectl pebble pebble-challtestsrv certkeeper-standins; do
  [[ -x "$BIN/$tool" ]] || die "$BIN/$tool is missing; run 'make tools' first"
done
PEBBLE_TEMPLATE="$ROOT/.tools/share/pebble/pebble-config.json"
GATEWAY_API_CRDS="$ROOT/.tools/share/gateway-api"
[[ -f "$PEBBLE_TEMPLATE" ]] || die "$PEBBLE_TEMPLATE is missing; run 'make tools' first"
for cmd in openssl curl python3 ss setsid ip; do
  command -v "$cmd" >/dev/null || die "'$cmd' is required but not installed"
done

kubectl() { "$BIN/kubectl" --kubeconfig "$STATE/kubeconfig" "$@"; }

# apply_crds: applies this checkout's CRDs (CRDS_DIR overrides the directory) and waits until they
# are Established. Also on a running environment, so a CRD changed by `make crds` reaches it.
apply_crds() {
  local dir="${CRDS_DIR:-$ROOT/crds}" crds crd_args=() f
  shopt -s nullglob
  crds=("$dir"/*.yaml)
  (( ${#crds[@]} )) || return 0
  for f in "${crds[@]}"; do crd_args+=(-f "$f"); done
  if ! kubectl apply --server-side --force-conflicts --field-manager=certkeeper-local "${crd_args[@]}" >/dev/null 2>"$LOGS/crds.log"; then
    { grep -m 20 -e '^Error' -e '^error' "$LOGS/crds.log" || head -n 20 "$LOGS/crds.log"; } | cut -c 1-300 >&2
    die "the API server rejected the CRDs in $dir (full errors: $LOGS/crds.log); the cluster is up: fix them and re-run 'make up', or 'make down'"
  fi
  kubectl wait --for=condition=Established --timeout=30s "${crd_args[@]}" >/dev/null ||
    die "the CRDs in $dir did not become Established"
  log "applied ${#crds[@]} CRDs from $dir"
}

missing=()
for c in "${COMPONENTS[@]}"; do alive "$c" >/dev/null || missing+=("$c"); done
if (( ${#missing[@]} == 0 )) && [[ -f "$STATE/env" ]]; then
  apply_crds
  "$LOCAL_DIR/operator.sh" ensure
  log "already running; CRDs and operator brought up to date ('source .local/env' to use it, 'make down' to stop)"
  exit 0
fi
if (( ${#missing[@]} == 0 )); then
  log "all components already run; finishing setup (CRDs, namespace, .local/env)"
elif (( ${#missing[@]} < ${#COMPONENTS[@]} )); then
  log "some components already run; starting: ${missing[*]}"
fi
mkdir -p "$LOGS" "$RUN"
is_missing() { [[ " ${missing[*]} " == *" $1 "* ]]; }

# Check every port before starting anything, so a clash leaves nothing half-started.
ports_ok=1
if is_missing etcd; then port_free "$ETCD_CLIENT_PORT" && port_free "$ETCD_PEER_PORT" || ports_ok=0; fi
if is_missing pebble-challtestsrv; then
  port_free "$CHALLTESTSRV_DNS_PORT" udp && port_free "$CHALLTESTSRV_DNS_PORT" &&
    port_free "$CHALLTESTSRV_MGMT_PORT" || ports_ok=0
fi
if is_missing pebble; then port_free "$PEBBLE_PORT" && port_free "$PEBBLE_MGMT_PORT" || ports_ok=0; fi
if is_missing kube-apiserver; then port_free "$APISERVER_PORT" || ports_ok=0; fi
if is_missing certkeeper-standins; then port_free "$ROUTER_PORT" || ports_ok=0; fi
(( ports_ok )) || die "free the port(s) above (or stop what holds them) and re-run"

# ---- Certificates (openssl) ---------------------------------------------------------------
# RSA for the admin client key and the service-account key (what every client library,
# including Java's, reads without extra providers); ECDSA elsewhere because it is instant.
ossl_cfg='[req]
distinguished_name = dn
[dn]'
key_rsa() { openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$1" 2>>"$LOGS/pki.log"; }
key_ec() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1"; }
# new_ca DIR CN: DIR/ca.key, DIR/ca.crt
new_ca() {
  key_ec "$1/ca.key"
  openssl req -x509 -new -key "$1/ca.key" -sha256 -days 3650 -subj "/CN=$2" -config <(echo "$ossl_cfg") \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -addext "subjectKeyIdentifier=hash" -out "$1/ca.crt"
}
# new_cert DIR NAME SUBJECT EXTENSIONS: DIR/NAME.crt signed by DIR/ca.*; key DIR/NAME.key must exist
new_cert() {
  openssl req -new -key "$1/$2.key" -subj "$3" -config <(echo "$ossl_cfg") |
    openssl x509 -req -CA "$1/ca.crt" -CAkey "$1/ca.key" -set_serial "0x$(openssl rand -hex 16)" \
      -days 365 -sha256 -extfile <(printf '%s\n' "$4") -out "$1/$2.crt" 2>>"$LOGS/pki.log"
}
server_ext() {
  printf 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\n'
  printf 'extendedKeyUsage=serverAuth\nauthorityKeyIdentifier=keyid\nsubjectAltName=%s\n' "$1"
}

gen_kube_pki() {
  local d="$PKI.tmp"
  rm -rf "$d" && mkdir -p "$d"
  key_rsa "$d/admin.key" & local k1=$!
  key_rsa "$d/sa.key" & local k2=$!
  new_ca "$d" certkeeper-local-ca
  key_ec "$d/apiserver.key"
  new_cert "$d" apiserver /CN=kube-apiserver "$(server_ext "IP:127.0.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local,IP:10.96.0.1")"
  wait "$k1"; wait "$k2"
  new_cert "$d" admin "/O=system:masters/CN=certkeeper-admin" \
    "$(printf 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=clientAuth\n')"
  openssl pkey -in "$d/sa.key" -pubout -out "$d/sa.pub"
  chmod 600 "$d"/*.key
  rm -rf "$PKI" && mv "$d" "$PKI" # complete or absent, never half-made
}

gen_pebble_pki() {
  local d="$STATE/pebble.tmp"
  rm -rf "$d" && mkdir -p "$d"
  new_ca "$d" "certkeeper local Pebble CA"
  key_ec "$d/server.key"
  new_cert "$d" server /CN=localhost "$(server_ext "DNS:localhost,IP:127.0.0.1")"
  # Upstream's test config with local addresses and our certificate. httpPort 80: HTTP-01 is
  # validated on port 80 of the address the name resolves to (127.0.0.1, via challtestsrv).
  python3 - "$PEBBLE_TEMPLATE" "$d/config.json" "$STATE/pebble" <<'EOF'
import json, sys
src, dst, final_dir = sys.argv[1:4]
cfg = json.load(open(src))
p = cfg["pebble"]
p.update({
    "listenAddress": "127.0.0.1:14000",
    "managementListenAddress": "127.0.0.1:15000",
    "certificate": final_dir + "/server.crt",
    "privateKey": final_dir + "/server.key",
    "httpPort": 80,
    "tlsPort": 5001,
})
if "profiles" not in p:
    sys.exit("pebble-config.json has no profiles section; this Pebble version is unexpected")
json.dump(cfg, open(dst, "w"), indent=2)
EOF
  rm -rf "$STATE/pebble" && mv "$d" "$STATE/pebble"
}

# ---- Start what needs no certificates, then make certificates while it boots ---------------
if is_missing etcd; then
  # --unsafe-no-fsync: this is throw-away data; fsync only slows the tests down.
  start_bg etcd -- --name certkeeper-local --data-dir "$STATE/etcd" \
    --listen-client-urls "http://127.0.0.1:$ETCD_CLIENT_PORT" \
    --advertise-client-urls "http://127.0.0.1:$ETCD_CLIENT_PORT" \
    --listen-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" \
    --initial-advertise-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" \
    --initial-cluster "certkeeper-local=http://127.0.0.1:$ETCD_PEER_PORT" \
    --unsafe-no-fsync
fi

if is_missing pebble-challtestsrv; then
  # Only DNS (every A query -> 127.0.0.1, no AAAA) and the management API; the challenge
  # listeners are disabled so they occupy no ports.
  start_bg pebble-challtestsrv -- -dnsserver "127.0.0.1:$CHALLTESTSRV_DNS_PORT" \
    -management "127.0.0.1:$CHALLTESTSRV_MGMT_PORT" -defaultIPv4 127.0.0.1 -defaultIPv6 "" \
    -http01 "" -https01 "" -tlsalpn01 "" -doh ""
fi

# Certificates are kept while anything runs (a restarted component must trust the others);
# down.sh deletes them, so a fresh `make up` makes new ones.
[[ -f "$PKI/admin.crt" ]] || gen_kube_pki & pki_pid=$!
[[ -f "$STATE/pebble/config.json" ]] || gen_pebble_pki & pebble_pki_pid=$!
wait "$pki_pid" || die "generating the cluster certificates failed"
wait "$pebble_pki_pid" || die "generating the Pebble certificates and config failed"

if is_missing pebble; then "$LOCAL_DIR/pebble.sh" start-nowait; fi

b64() { base64 -w0 "$1"; }
cat >"$STATE/kubeconfig" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: certkeeper-local
  cluster:
    server: https://127.0.0.1:$APISERVER_PORT
    certificate-authority-data: $(b64 "$PKI/ca.crt")
users:
- name: certkeeper-admin
  user:
    client-certificate-data: $(b64 "$PKI/admin.crt")
    client-key-data: $(b64 "$PKI/admin.key")
contexts:
- name: certkeeper-local
  context:
    cluster: certkeeper-local
    user: certkeeper-admin
current-context: certkeeper-local
EOF
chmod 600 "$STATE/kubeconfig"

# ---- Kubernetes control plane -------------------------------------------------------------
wait_until etcd 20 etcd_healthy || die "etcd did not start ('make down' cleans up)"

if is_missing kube-apiserver; then
  start_bg kube-apiserver -- \
    --bind-address=127.0.0.1 --advertise-address=127.0.0.1 --secure-port="$APISERVER_PORT" \
    --etcd-servers="http://127.0.0.1:$ETCD_CLIENT_PORT" \
    --client-ca-file="$PKI/ca.crt" \
    --tls-cert-file="$PKI/apiserver.crt" --tls-private-key-file="$PKI/apiserver.key" \
    --authorization-mode=RBAC \
    --service-account-key-file="$PKI/sa.pub" \
    --service-account-signing-key-file="$PKI/sa.key" \
    --service-account-issuer=https://kubernetes.default.svc.cluster.local \
    --service-cluster-ip-range=10.96.0.0/16 \
    --endpoint-reconciler-type=none \
    --cert-dir="$STATE/apiserver" --profiling=false
  # (endpoint reconciler off: the "kubernetes" Endpoints may not hold a loopback address, so
  # it would only log an error every 10 s; nothing runs in-cluster to use it.)
fi
wait_until kube-apiserver 60 apiserver_ready || die "kube-apiserver did not become ready ('make down' cleans up)"

if is_missing kube-controller-manager; then
  # Only what real object lifecycle needs: ownerReference cascades, namespace deletion, the
  # default ServiceAccount (+ token) per namespace, Endpoints/EndpointSlices for Services
  # (from the pod IPs and readiness the stand-in pod runner reports; the local router reads
  # the slices), and ClusterRole aggregation (the chart's roles for view/edit/admin).
  # --secure-port=0: no serving port.
  start_bg kube-controller-manager -- \
    --kubeconfig="$STATE/kubeconfig" --leader-elect=false --secure-port=0 \
    --controllers=garbage-collector-controller,namespace-controller,serviceaccount-controller,serviceaccount-token-controller,endpoints-controller,endpointslice-controller,clusterrole-aggregation-controller \
    --service-account-private-key-file="$PKI/sa.key" --root-ca-file="$PKI/ca.crt" \
    --use-service-account-credentials=false
fi

apply_crds
# The Gateway API's standard CRDs (e2e/tools/install.sh copies them from its Go module), so
# HTTP-01 solvers of type gatewayHTTPRoute can be tested; a real cluster gets them from its
# Gateway controller's install.
gateway_crds=("$GATEWAY_API_CRDS"/*.yaml)
(( ${#gateway_crds[@]} )) || die "no Gateway API CRDs in $GATEWAY_API_CRDS: run 'make tools'"
gateway_args=()
for f in "${gateway_crds[@]}"; do gateway_args+=(-f "$f"); done
kubectl apply --server-side --field-manager=certkeeper-local "${gateway_args[@]}" >/dev/null 2>"$LOGS/gateway-crds.log" ||
  die "the API server rejected the Gateway API CRDs (errors: $LOGS/gateway-crds.log)"
kubectl wait --for=condition=Established --timeout=30s "${gateway_args[@]}" >/dev/null ||
  die "the Gateway API CRDs did not become Established"
kubectl apply --server-side --field-manager=certkeeper-local -f - >/dev/null <<EOF
apiVersion: v1
kind: Namespace
metadata:
  name: certkeeper
EOF
# The default ServiceAccount appearing proves kube-controller-manager is working.
wait_until kube-controller-manager 30 kcurl /api/v1/namespaces/certkeeper/serviceaccounts/default ||
  die "kube-controller-manager did not create the default ServiceAccount ('make down' cleans up)"

# ---- Stand-ins for a kubelet and an ingress controller (e2e/tools/standins) ------------------
# Two IngressClasses served by the stand-in router (nginx is the default class); a class named
# anything else (say "missing") is served by nobody, as on a cluster without that controller.
# One GatewayClass, "local", also served by the router.
kubectl apply --server-side --field-manager=certkeeper-local -f - >/dev/null <<EOF
apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata:
  name: nginx
  annotations:
    ingressclass.kubernetes.io/is-default-class: "true"
spec:
  controller: certkeeper.dev/local-router
---
apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata:
  name: traefik
spec:
  controller: certkeeper.dev/local-router
---
# Gateways of this class are served by the stand-in router too (tests create their own Gateways).
apiVersion: gateway.networking.k8s.io/v1
kind: GatewayClass
metadata:
  name: local
spec:
  controllerName: certkeeper.dev/local-router
EOF
if is_missing certkeeper-standins; then
  start_bg certkeeper-standins -- --kubeconfig "$STATE/kubeconfig" --state-dir "$STATE" \
    --jar "$STATE/operator/certkeeper.jar" --router-address "127.0.0.1:$ROUTER_PORT"
fi
wait_until certkeeper-standins 20 router_ready || die "certkeeper-standins did not start ('make down' cleans up)"

# ---- ACME side ----------------------------------------------------------------------------
wait_until pebble-challtestsrv 20 challtestsrv_ready || die "pebble-challtestsrv did not start"
wait_until pebble 20 pebble_ready || die "pebble did not start"

cat >"$STATE/env" <<EOF
# Generated by e2e/local/up.sh; source it to use the local environment.
export KUBECONFIG=$STATE/kubeconfig
export KUBE_APISERVER=https://127.0.0.1:$APISERVER_PORT
export PEBBLE_DIRECTORY=https://127.0.0.1:$PEBBLE_PORT/dir
export PEBBLE_MGMT=https://127.0.0.1:$PEBBLE_MGMT_PORT
export PEBBLE_CA_FILE=$STATE/pebble/ca.crt
export PEBBLE_CA_BUNDLE=$(b64 "$STATE/pebble/ca.crt")
export CHALLTESTSRV_MGMT=http://127.0.0.1:$CHALLTESTSRV_MGMT_PORT
case ":\$PATH:" in *":$BIN:"*) ;; *) export PATH="$BIN:\$PATH" ;; esac
EOF

# The operator last: it needs the CRDs and the cluster resource namespace.
"$LOCAL_DIR/operator.sh" ensure

log "ready in $(elapsed "$T0")s: kube-apiserver https://127.0.0.1:$APISERVER_PORT, pebble https://127.0.0.1:$PEBBLE_PORT/dir, DNS 127.0.0.1:$CHALLTESTSRV_DNS_PORT"
log "use it with: source .local/env"

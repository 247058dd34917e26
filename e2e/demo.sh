#!/usr/bin/env bash
# `make demo`: the main job end to end on the local environment. From a fresh clone it builds
# what is missing, starts the local control plane, Pebble and the operator (`make up`), applies
# deploy/examples/demo.yaml (a ClusterIssuer on Pebble and an Ingress annotated with it), follows
# the Certificate that the ingress-shim derives until it is Ready, and shows what was issued.
# Then it stops the environment (`make down`), unless KEEP=1 or it was already running.
#
#   DEMO_TIMEOUT  seconds to wait for Ready (default 240)
#   KEEP=1        leave the environment running afterwards
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/local/lib.sh"
cd "$ROOT"

TIMEOUT="${DEMO_TIMEOUT:-240}"
MANIFEST="$ROOT/deploy/examples/demo.yaml"
[[ -f "$MANIFEST" ]] || die "$MANIFEST is missing"

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "building the tools and the operator (skipped where already built)"
make --no-print-directory tools
[[ -f target/certkeeper.jar ]] || ${MVN:-mvn} -q -B -ntp -DskipTests package

was_running=0
e2e/local/status.sh >/dev/null 2>&1 && was_running=1
step "starting the local environment"
make --no-print-directory up
source "$STATE/env"

finish() {
  local status=$?
  if [[ "$was_running" == 1 ]]; then
    log "the environment was running before the demo: left running ('make down' stops it)"
  elif [[ "${KEEP:-}" == 1 ]]; then
    log "KEEP=1: environment left running; 'source .local/env' to use it, 'make down' to stop it"
  else
    step "stopping the local environment (KEEP=1 keeps it)"
    make --no-print-directory down || true
  fi
  exit "$status"
}
trap finish EXIT

step "applying deploy/examples/demo.yaml"
# The ClusterIssuer trusts Pebble's CA, which is made anew by every `make up`.
sed "s|\${PEBBLE_CA_BUNDLE}|$PEBBLE_CA_BUNDLE|g; s|\${PEBBLE_DIRECTORY}|$PEBBLE_DIRECTORY|g" "$MANIFEST" | kubectl apply -f -

ingress="$(sed "s|\${PEBBLE_CA_BUNDLE}|x|g" "$MANIFEST" | kubectl apply --dry-run=client -o name -f - | grep -m1 '^ingress')" ||
  die "demo.yaml has no Ingress"
namespace="$(sed "s|\${PEBBLE_CA_BUNDLE}|x|g" "$MANIFEST" | kubectl apply --dry-run=client -f - -o jsonpath='{range .items[?(@.kind=="Ingress")]}{.metadata.namespace}{end}')"
namespace="${namespace:-default}"
secret="$(kubectl get -n "$namespace" "$ingress" -o jsonpath='{.spec.tls[0].secretName}')"
certificate="$secret" # the ingress-shim names each Certificate after its Secret

step "waiting up to ${TIMEOUT}s for Certificate $namespace/$certificate to be Ready"
deadline=$(( $(date +%s) + TIMEOUT ))
last=""
while :; do
  ready="$(kubectl get certificate -n "$namespace" "$certificate" --ignore-not-found \
    -o jsonpath='{range .status.conditions[?(@.type=="Ready")]}{.status}|{.reason}|{.message}{end}' 2>/dev/null || true)"
  chain="$(kubectl get orders,challenges -n "$namespace" --ignore-not-found \
    -o jsonpath='{range .items[*]}{.kind} {.metadata.name}: {.status.state}{"\n"}{end}' 2>/dev/null || true)"
  now="${ready:-no Certificate yet}"$'\n'"$chain"
  if [[ "$now" != "$last" ]]; then
    log "Certificate: ${ready:-not created yet}"
    [[ -n "$chain" ]] && sed 's/^/           /' <<<"$chain"
    last="$now"
  fi
  [[ "${ready%%|*}" == True ]] && break
  if (( $(date +%s) >= deadline )); then
    echo >&2
    echo "ERROR: Certificate $namespace/$certificate is not Ready after ${TIMEOUT}s." >&2
    echo "The operator's own reason: ${ready#*|}" >&2
    bin/certkeeper status certificate -n "$namespace" "$certificate" >&2 || true
    echo "Last lines of .local/logs/operator.log:" >&2
    tail -n 20 "$LOGS/operator.log" >&2
    exit 1
  fi
  sleep 1
done

step "kubectl describe certificate -n $namespace $certificate"
kubectl describe certificate -n "$namespace" "$certificate"

step "certkeeper status certificate -n $namespace $certificate"
bin/certkeeper status certificate -n "$namespace" "$certificate"

step "the issued certificate (Secret $namespace/$secret)"
kubectl get secret -n "$namespace" "$secret" -o jsonpath='{.data.tls\.crt}' | base64 -d |
  openssl x509 -noout -subject -issuer -ext subjectAltName -dates
log "demo finished: Certificate $namespace/$certificate is Ready"

#!/usr/bin/env bash
# Starts or stops the local Pebble ACME server (config and certificates are made by up.sh).
#
#   e2e/local/pebble.sh start [VAR=value ...]   (re)start Pebble with extra environment, e.g.
#   e2e/local/pebble.sh start PEBBLE_WFE_NONCEREJECT=100
#   e2e/local/pebble.sh stop
#
# Pebble reads its fault-injection knobs (PEBBLE_WFE_NONCEREJECT, PEBBLE_AUTHZREUSE, ...) only at
# start, so tests change them by restarting it through this script. Pebble keeps all ACME
# state in memory: a restart forgets accounts, orders and its issuing CA.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

start_pebble() {
  [[ -f "$STATE/pebble/config.json" ]] || die "no $STATE/pebble/config.json; run 'make up' first"
  stop pebble
  port_free "$PEBBLE_PORT" && port_free "$PEBBLE_MGMT_PORT" || exit 1
  # PEBBLE_VA_NOSLEEP: validate at once instead of after a random 0-15 s delay.
  # DNS goes to pebble-challtestsrv, which resolves every name to 127.0.0.1.
  start_bg pebble PEBBLE_VA_NOSLEEP=1 "$@" -- \
    -config "$STATE/pebble/config.json" -dnsserver "127.0.0.1:$CHALLTESTSRV_DNS_PORT"
}

check_env_args() {
  local a
  for a in "$@"; do
    [[ "$a" =~ ^[A-Za-z_][A-Za-z0-9_]*= ]] || die "expected VAR=value arguments, got '$a'"
  done
}

case "${1:-}" in
  start) shift; check_env_args "$@"; t0=$(now); start_pebble "$@"; wait_until pebble 20 pebble_ready; log "pebble ready in $(elapsed "$t0")s ${*:+(with $*)}" ;;
  start-nowait) shift; check_env_args "$@"; start_pebble "$@" ;; # used by up.sh, which waits for everything at once
  stop) stop pebble; log "pebble stopped" ;;
  *) echo "usage: $0 start [VAR=value ...] | stop" >&2; exit 2 ;;
esac

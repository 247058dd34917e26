#!/usr/bin/env bash
# Stops everything e2e/local/up.sh started (SIGTERM, SIGKILL after 15 s) and deletes the
# generated state (etcd data, certificates, kubeconfig, env) so the next `make up` starts a
# fresh cluster. Logs in .local/logs are kept. Safe to run when nothing is running.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# pids_of COMPONENT: the pid from its pid file plus any other process running this checkout's
# binary for it (e.g. after a lost pid file), which is ours too.
pids_of() {
  local pid
  pid="$(alive "$1")" && echo "$pid"
  find /proc -mindepth 2 -maxdepth 2 -name exe -lname "$BIN/$1*" -printf '%h %l\n' 2>/dev/null |
    while read -r proc exe; do
      [[ "${exe% (deleted)}" == "$BIN/$1" && "${proc#/proc/}" != "${pid:-}" ]] && echo "${proc#/proc/}"
    done
  return 0
}

# stop_group COMPONENT...: stops them all in parallel.
stop_group() {
  local c pid pids=()
  for c in "$@"; do
    for pid in $(pids_of "$c"); do
      log "stopping $c (pid $pid)"
      pids+=("$pid")
    done
  done
  stop_pids "${pids[@]}"
  for c in "$@"; do rm -f "$(pidfile "$c")"; done
  stopped=$(( stopped + ${#pids[@]} ))
}

stopped=0
if pid="$("$LOCAL_DIR/operator.sh" status 2>/dev/null)"; then
  "$LOCAL_DIR/operator.sh" stop
  stopped=1
fi
# Extra operator instances a leader-election test left behind (it stops its own unless it crashed).
for f in "$RUN"/operator-*.pid; do
  [[ -e "$f" ]] || continue
  name="$(basename "$f" .pid)"
  "$LOCAL_DIR/operator.sh" stop-instance "${name#operator-}"
done
# The stand-ins first: stopping them stops the solver processes they run; any left over (a
# stand-in that was SIGKILLed) are found by the marker in their environment.
stop_group certkeeper-standins
mapfile -t solvers < <(solver_pids)
if (( ${#solvers[@]} )); then
  log "stopping ${#solvers[@]} leftover solver process(es): ${solvers[*]}"
  stop_pids "${solvers[@]}"
  stopped=$(( stopped + ${#solvers[@]} ))
fi
for addr in $(pod_addresses); do ip addr del "$addr" dev lo 2>/dev/null || true; done
# etcd last: kube-apiserver blocks its shutdown on etcd (it removes its endpoint lease).
stop_group kube-controller-manager kube-apiserver pebble pebble-challtestsrv
stop_group etcd
(( stopped )) || log "nothing was running"

# Keep .local/logs; everything else there is generated state.
if [[ -d "$STATE" ]]; then
  find "$STATE" -mindepth 1 -maxdepth 1 ! -name logs -exec rm -rf {} +
fi
log "down; state removed (logs kept in .local/logs)"

#!/usr/bin/env bash
# Runs certkeeper's operator in the background against the local control plane.
#
#   e2e/local/operator.sh ensure [ARGS...]  start it, or restart it if target/certkeeper.jar changed
#   e2e/local/operator.sh start [ARGS...]   (re)start it; extra ARGS go to `certkeeper operator`
#   e2e/local/operator.sh stop              SIGTERM (SIGKILL after 5 s)
#   e2e/local/operator.sh kill              SIGKILL at once, as a crash would (tests use it)
#   e2e/local/operator.sh status
#
# It runs a copy of the jar (.local/operator/certkeeper.jar), so rebuilding target/ never changes
# the code under a running process, and `ensure` can tell when the build has moved on. Log:
# .local/logs/operator.log. Issuance back-off starts at CERTKEEPER_BACKOFF_BASE (default 5s here,
# 1h in production) so failure paths can be watched in seconds; likewise a failing HTTP-01
# self-check gives way to the CA's own validation after CERTKEEPER_SELF_CHECK_TIMEOUT (default 20s
# here, 10m in production).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

JAR="$ROOT/target/certkeeper.jar"
RUN_JAR="$STATE/operator/certkeeper.jar"
PIDFILE="$(pidfile operator)"

operator_pid() {
  local pid
  pid="$(cat "$PIDFILE" 2>/dev/null)" || return 1
  [[ -n "$pid" ]] && running "$pid" && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -- "$RUN_JAR operator" || return 1
  echo "$pid"
}

build_if_missing() {
  if [[ ! -f "$JAR" ]]; then
    log "building target/certkeeper.jar (mvn package)"
    (cd "$ROOT" && ${MVN:-mvn} -q -B -ntp -DskipTests package) || die "could not build the operator jar"
  fi
}

start_operator() {
  [[ -f "$STATE/kubeconfig" ]] || die "no $STATE/kubeconfig; run 'make up' first"
  build_if_missing
  stop_operator
  mkdir -p "$STATE/operator" "$LOGS" "$RUN"
  cp "$JAR" "$RUN_JAR"
  echo "===== $(date -Is) starting operator $*" >>"$LOGS/operator.log"
  # C1 only (TieredStopAtLevel=1): a controller is mostly idle and restarted often here, so cheap
  # warm-up beats peak compiled speed (bench-issue: all Ready 22.9 s vs 25.7 s, peak RSS 281 vs 297 MiB).
  (
    close_inherited_fds
    KUBECONFIG="$STATE/kubeconfig" setsid java -Xss512k -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar "$RUN_JAR" operator \
      --cluster-resource-namespace certkeeper --issuance-backoff-base "${CERTKEEPER_BACKOFF_BASE:-5s}" \
      --acme-http01-self-check-nameservers 127.0.0.1:8053 --acme-http01-self-check-timeout "${CERTKEEPER_SELF_CHECK_TIMEOUT:-20s}" "$@" \
      </dev/null >>"$LOGS/operator.log" 2>&1 &
    echo $! >"$PIDFILE"
  )
  local deadline=$(( $(date +%s) + 60 ))
  until grep -q 'certkeeper operator is running' <(awk '/^===== .* starting operator/{ n = 0 } { line[n++] = $0 } END { for (i = 0; i < n; i++) print line[i] }' "$LOGS/operator.log"); do
    operator_pid >/dev/null || { echo "ERROR: the operator exited during start; last lines of $LOGS/operator.log:" >&2; tail -n 30 "$LOGS/operator.log" >&2; exit 1; }
    (( $(date +%s) < deadline )) || die "the operator did not start within 60 s; see $LOGS/operator.log"
    sleep 0.1
  done
  log "operator running (pid $(cat "$PIDFILE")), log $LOGS/operator.log"
}

stop_operator() {
  local pid
  if pid="$(operator_pid)"; then stop_pids "$pid"; fi
  rm -f "$PIDFILE"
}

case "${1:-}" in
  ensure)
    shift
    build_if_missing
    if operator_pid >/dev/null && cmp -s "$JAR" "$RUN_JAR"; then
      log "operator already running the current build"
    else
      start_operator "$@"
    fi
    ;;
  start) shift; start_operator "$@" ;;
  stop) stop_operator; log "operator stopped" ;;
  kill) pid="$(operator_pid)" && kill -KILL "$pid" && rm -f "$PIDFILE" && log "operator killed (pid $pid)" || log "operator was not running" ;;
  status) if pid="$(operator_pid)"; then echo "operator running (pid $pid)"; else echo "operator not running"; exit 1; fi ;;
  *) echo "usage: $0 ensure|start [ARGS...] | stop | kill | status" >&2; exit 2 ;;
esac

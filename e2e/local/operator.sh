#!/usr/bin/env bash
# Runs certkeeper's operator in the background against the local control plane.
#
#   e2e/local/operator.sh ensure [ARGS...]  start it, or restart it if target/certkeeper.jar changed
#   e2e/local/operator.sh start [ARGS...]   (re)start it; extra ARGS go to `certkeeper operator`
#   e2e/local/operator.sh stop              SIGTERM (SIGKILL after 15 s)
#   e2e/local/operator.sh kill              SIGKILL at once, as a crash would (tests use it)
#   e2e/local/operator.sh status
#   e2e/local/operator.sh start-instance NAME [ARGS...]  an extra operator process (leader-election
#                                           tests run several): log .local/logs/operator-NAME.log;
#                                           ARGS must give it its own --metrics-listen-address
#   e2e/local/operator.sh stop-instance|kill-instance NAME
#
# It runs a copy of the jar (.local/operator/certkeeper.jar), so rebuilding target/ never changes
# the code under a running process, and `ensure` can tell when the build has moved on. Log:
# .local/logs/operator.log; metrics, /healthz and /readyz on 127.0.0.1:9402. Issuance back-off
# starts at CERTKEEPER_BACKOFF_BASE (default 5s here, 1h in production) so failure paths can be
# watched in seconds; likewise a failing HTTP-01 self-check gives way to the CA's own validation
# after CERTKEEPER_SELF_CHECK_TIMEOUT (default 20s here, 10m in production).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

JAR="$ROOT/target/certkeeper.jar"
RUN_JAR="$STATE/operator/certkeeper.jar"
METRICS_ADDRESS=127.0.0.1:9402

# jar_of NAME: the jar copy operator process NAME runs (the solver stand-ins run the shared one too).
jar_of() { if [[ "$1" == operator ]]; then echo "$RUN_JAR"; else echo "$STATE/operator/$1.jar"; fi; }

# instance_pid NAME: the pid of the operator process NAME (operator, or operator-X for an extra
# instance), if its pid file names a live process running its jar copy.
instance_pid() {
  local pid
  pid="$(cat "$(pidfile "$1")" 2>/dev/null)" || return 1
  [[ -n "$pid" ]] && running "$pid" && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -- "$(jar_of "$1") operator" || return 1
  echo "$pid"
}

operator_pid() { instance_pid operator; }

build_if_missing() {
  if [[ ! -f "$JAR" ]]; then
    log "building target/certkeeper.jar (mvn package)"
    (cd "$ROOT" && ${MVN:-mvn} -q -B -ntp -DskipTests package) || die "could not build the operator jar"
  fi
}

# launch NAME ARGS...: starts (after stopping) operator process NAME from its own copy of the jar
# with the local environment's settings plus ARGS, and waits until it reports that it runs.
launch() {
  local name="$1" jar logfile="$LOGS/$1.log"; shift
  jar="$(jar_of "$name")"
  [[ -f "$STATE/kubeconfig" ]] || die "no $STATE/kubeconfig; run 'make up' first"
  build_if_missing
  stop_instance "$name"
  mkdir -p "$STATE/operator" "$LOGS" "$RUN"
  cp "$JAR" "$jar"
  echo "===== $(date -Is) starting operator $*" >>"$logfile"
  # The image's JVM options (operator/jvm.options: Serial GC, C1 only, small stacks, heap as a share
  # of the memory limit) with MaxRAM standing in for the chart's default 512Mi limit, so tests and
  # benchmarks run the operator as a default install does.
  # CERTKEEPER_JAVA_OPTS adds JVM options, e.g. -XX:StartFlightRecording=filename=/tmp/operator.jfr to profile it.
  # shellcheck disable=SC2086 # CERTKEEPER_JAVA_OPTS is a list of options
  KUBECONFIG="$STATE/kubeconfig" detached java "@$ROOT/operator/jvm.options" -XX:MaxRAM=512m ${CERTKEEPER_JAVA_OPTS:-} -jar "$jar" operator \
    --cluster-resource-namespace certkeeper --issuance-backoff-base "${CERTKEEPER_BACKOFF_BASE:-5s}" \
    --acme-http01-self-check-nameservers 127.0.0.1:8053 --acme-http01-self-check-timeout "${CERTKEEPER_SELF_CHECK_TIMEOUT:-20s}" "$@" \
    </dev/null >>"$logfile" 2>&1 &
  echo $! >"$(pidfile "$name")"
  local deadline=$(( $(date +%s) + 60 ))
  until grep -q 'certkeeper operator is running' <(awk '/^===== .* starting operator/{ n = 0 } { line[n++] = $0 } END { for (i = 0; i < n; i++) print line[i] }' "$logfile"); do
    # The process itself, not instance_pid: until it has exec'd java its command line is still this script's.
    running "$(cat "$(pidfile "$name")")" || { echo "ERROR: $name exited during start; last lines of $logfile:" >&2; tail -n 30 "$logfile" >&2; exit 1; }
    (( $(date +%s) < deadline )) || die "$name did not start within 60 s; see $logfile"
    sleep 0.1
  done
  log "$name running (pid $(cat "$(pidfile "$name")")), log $logfile"
}

start_operator() { launch operator --metrics-listen-address "$METRICS_ADDRESS" "$@"; }

stop_instance() {
  local pid
  if pid="$(instance_pid "$1")"; then stop_pids "$pid"; fi
  rm -f "$(pidfile "$1")"
}

stop_operator() { stop_instance operator; }

kill_instance() {
  local pid
  if pid="$(instance_pid "$1")"; then
    kill -KILL "$pid" && rm -f "$(pidfile "$1")" && log "$1 killed (pid $pid)"
  else
    log "$1 was not running"
  fi
}

# instance NAME: the process name of an extra instance, checked so it cannot name the shared operator.
instance() {
  [[ "${1:-}" =~ ^[a-z0-9-]+$ ]] || die "an instance NAME is lower-case letters, digits and dashes"
  echo "operator-$1"
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
  kill) kill_instance operator ;;
  status) if pid="$(operator_pid)"; then echo "operator running (pid $pid)"; else echo "operator not running"; exit 1; fi ;;
  start-instance) name="$(instance "${2:-}")"; shift 2; launch "$name" "$@" ;;
  stop-instance) name="$(instance "${2:-}")"; stop_instance "$name"; log "$name stopped" ;;
  kill-instance) name="$(instance "${2:-}")"; kill_instance "$name" ;;
  *) echo "usage: $0 ensure|start [ARGS...] | stop | kill | status | start-instance NAME [ARGS...] | stop-instance NAME | kill-instance NAME" >&2; exit 2 ;;
esac

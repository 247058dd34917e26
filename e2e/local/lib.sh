# Shared settings and helpers for e2e/local/*.sh. Sourced, not executed.
# shellcheck shell=bash

LOCAL_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$LOCAL_DIR/../.." && pwd)"
# Physical paths: git worktrees of this repo may link .tools and .local to one checkout's, and
# the pid checks compare them with /proc/<pid>/exe and command lines, which name physical paths.
BIN="$(readlink -f "$ROOT/.tools")/bin"
STATE="$(readlink -f "$ROOT/.local")"
LOGS="$STATE/logs"
RUN="$STATE/run" # pid files
PKI="$STATE/pki"

# Fixed local ports (non-default where the tool has a well-known one, to avoid clashing
# with a real cluster on the same machine).
ETCD_CLIENT_PORT=23790
ETCD_PEER_PORT=23800
APISERVER_PORT=16443
CHALLTESTSRV_DNS_PORT=8053
CHALLTESTSRV_MGMT_PORT=8055
PEBBLE_PORT=14000
PEBBLE_MGMT_PORT=15000
ROUTER_PORT=80 # certkeeper-standins' HTTP router: where Pebble sends HTTP-01 validations

# Components in start order; down stops them in reverse.
COMPONENTS=(etcd pebble-challtestsrv pebble kube-apiserver kube-controller-manager certkeeper-standins)

now() { date +%s.%N; }
elapsed() { awk -v s="$1" -v e="$(now)" 'BEGIN { printf "%.1f", e - s }'; }
log() { echo "[$(date +%H:%M:%S)] $*"; }
die() { echo "ERROR: $*" >&2; exit 1; }

pidfile() { echo "$RUN/$1.pid"; }

# running PID: the process exists and is not a zombie.
running() {
  local state
  [[ -r "/proc/$1/stat" ]] || return 1
  state="$(awk '{ print $3 }' "/proc/$1/stat" 2>/dev/null)" || return 1
  [[ -n "$state" && "$state" != Z ]]
}

# exe_of PID: the executable path, without the " (deleted)" suffix a rebuilt binary gets.
exe_of() {
  local exe
  exe="$(readlink "/proc/$1/exe" 2>/dev/null)" || return 1
  echo "${exe% (deleted)}"
}

# alive COMPONENT: its pid file names a live process running our binary (guards against a
# stale pid file whose pid has been reused by something else). Prints the pid. The binary's real
# path is compared: in a git worktree .tools is a symlink, and /proc/PID/exe shows its target.
alive() {
  local pid
  pid="$(cat "$(pidfile "$1")" 2>/dev/null)" || return 1
  [[ -n "$pid" ]] && running "$pid" && [[ "$(exe_of "$pid")" == "$(readlink -f "$BIN/$1")" ]] || return 1
  echo "$pid"
}

# port_free PORT [udp]: fails with a message naming the process if something listens there.
port_free() {
  local port="$1" proto="${2:-tcp}" flags=-Hltnp line
  [[ "$proto" == udp ]] && flags=-Hlunp
  line="$(ss "$flags" "sport = :$port" 2>/dev/null | head -n 1)"
  if [[ -n "$line" ]]; then
    echo "ERROR: $proto port $port is already in use by: $(grep -o 'users:.*' <<<"$line" || echo "$line")" >&2
    return 1
  fi
}

# start_bg COMPONENT [ENV=VALUE...] -- ARGS...: starts .tools/bin/COMPONENT in its own session
# (so it outlives make and ignores the terminal's signals), logging to .local/logs.
start_bg() {
  local name="$1" envs=() log="$LOGS/$1.log"; shift
  while [[ $# -gt 0 && "$1" != -- ]]; do envs+=("$1"); shift; done
  [[ "${1:-}" == -- ]] && shift
  mkdir -p "$LOGS" "$RUN"
  echo "===== $(date -Is) starting $name ${envs[*]} $*" >>"$log"
  detached env "${envs[@]}" "$BIN/$name" "$@" </dev/null >>"$log" 2>&1 &
  echo $! >"$(pidfile "$name")"
}

# detached COMMAND...: runs the command in its own session without the descriptors above 2 that
# this shell inherited, so a long-lived component never holds a caller's lock file or pipe open.
detached() {
  local fd
  for fd in /proc/$BASHPID/fd/*; do
    fd="${fd##*/}"
    if (( fd > 2 )); then eval "exec $fd>&-"; fi
  done # no redirection here: bash would restore stderr from a saved descriptor this loop closes
  exec setsid "$@"
}

# log_tail COMPONENT: the last lines its current run (since up.sh's start marker) logged.
log_tail() {
  awk '/^===== .* starting /{ n = 0 } { line[n++] = $0 } END { for (i = (n > 30 ? n - 30 : 0); i < n; i++) print line[i] }' \
    "$LOGS/$1.log" >&2
}

# died COMPONENT: true (after printing its log tail) if its process is gone.
died() {
  local pid
  pid="$(cat "$(pidfile "$1")" 2>/dev/null)"
  if [[ -z "$pid" ]] || ! running "$pid"; then
    echo "ERROR: $1 exited during start; last lines of $LOGS/$1.log:" >&2
    log_tail "$1"
    return 0
  fi
  return 1
}

# wait_until COMPONENT TIMEOUT_S CMD...: polls CMD every 0.1 s until it succeeds; fails if
# the component dies or the timeout passes.
wait_until() {
  local name="$1" timeout="$2" deadline; shift 2
  deadline=$(( $(date +%s) + timeout ))
  until "$@" >/dev/null 2>&1; do
    died "$name" && return 1
    if (( $(date +%s) >= deadline )); then
      echo "ERROR: $name not ready after ${timeout}s; last lines of $LOGS/$name.log:" >&2
      log_tail "$name"
      return 1
    fi
    sleep 0.1
  done
}

# stop_pids PID...: SIGTERM, then SIGKILL whatever is still there after 15 s (the operator gives
# reconciliations in progress up to 10 s to end before it releases its Lease).
stop_pids() {
  local pid i
  (( $# )) || return 0
  kill -TERM "$@" 2>/dev/null || true
  for ((i = 0; i < 150; i++)); do
    local left=()
    for pid in "$@"; do running "$pid" && left+=("$pid"); done
    (( ${#left[@]} )) || return 0
    sleep 0.1
  done
  for pid in "$@"; do
    if running "$pid"; then
      echo "  pid $pid did not exit after SIGTERM; sending SIGKILL" >&2
      kill -KILL "$pid" 2>/dev/null || true
    fi
  done
  for ((i = 0; i < 20; i++)); do
    local left=()
    for pid in "$@"; do running "$pid" && left+=("$pid"); done
    (( ${#left[@]} )) || return 0
    sleep 0.1
  done
  echo "ERROR: processes still running after SIGKILL: $*" >&2
  return 1
}

# stop COMPONENT: stops it if running and removes its pid file.
stop() {
  local pid
  if pid="$(alive "$1")"; then stop_pids "$pid"; fi
  rm -f "$(pidfile "$1")"
}

# solver_pids: processes the stand-in pod runner started for this checkout (it marks them with
# CERTKEEPER_STANDINS_STATE=<.local> in their environment).
solver_pids() {
  grep -lsxzF "CERTKEEPER_STANDINS_STATE=$STATE" /proc/[0-9]*/environ 2>/dev/null |
    sed -n 's|^/proc/\([0-9]*\)/environ$|\1|p' || true
}

# pod_addresses: the solver pod IPs (198.18.0.N/32) the pod runner put on the loopback interface.
pod_addresses() {
  ip -o -4 addr show dev lo 2>/dev/null | awk '{ print $4 }' | grep -E '^198\.18\.0\.[0-9]+/32$' || true
}

# Probes, each quiet and non-zero until the component answers.
etcd_healthy() { curl -fsS -m 1 "http://127.0.0.1:$ETCD_CLIENT_PORT/health" | grep -q '"health":"true"'; }
kcurl() { # curl the API server with the admin client certificate
  curl -fsS -m 2 --cacert "$PKI/ca.crt" --cert "$PKI/admin.crt" --key "$PKI/admin.key" \
    "https://127.0.0.1:$APISERVER_PORT$1"
}
apiserver_ready() { [[ "$(kcurl /readyz)" == ok ]]; }
# Any HTTP answer from the router (404 without a matching Ingress) means it serves.
router_ready() { curl -sS -m 1 -o /dev/null -H 'Host: standins-probe.invalid' "http://127.0.0.1:$ROUTER_PORT/"; }
pebble_ready() {
  curl -fsS -m 1 --cacert "$STATE/pebble/ca.crt" "https://127.0.0.1:$PEBBLE_PORT/dir" | grep -q newOrder
}
challtestsrv_ready() {
  # The management API has no index page, but any HTTP answer (404) means it is listening.
  curl -sS -m 1 -o /dev/null "http://127.0.0.1:$CHALLTESTSRV_MGMT_PORT/" && dns_answers 127.0.0.1
}

# dns_answers IP [NAME]: one UDP A query to the challtestsrv DNS port; true if answered with IP.
# (python3 stdlib only, so no dig/nslookup is needed.)
dns_answers() {
  python3 - "$CHALLTESTSRV_DNS_PORT" "$1" "${2:-probe.certkeeper.test}" <<'EOF'
import socket, struct, sys
port, want, name = int(sys.argv[1]), sys.argv[2], sys.argv[3]
q = struct.pack(">HHHHHH", 0x1234, 0x0100, 1, 0, 0, 0)
q += b"".join(bytes([len(p)]) + p.encode() for p in name.split(".")) + b"\0"
q += struct.pack(">HH", 1, 1)  # type A, class IN
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.settimeout(1)
s.sendto(q, ("127.0.0.1", port))
r = s.recv(512)
ancount = struct.unpack(">H", r[6:8])[0]
got = []
i = len(q)  # the answer echoes the question section first
for _ in range(ancount):
    while r[i] != 0 and r[i] < 0xC0:  # skip the owner name (labels, maybe a pointer)
        i += r[i] + 1
    i += 2 if r[i] >= 0xC0 else 1
    rtype, _, _, rdlen = struct.unpack(">HHIH", r[i:i + 10])
    i += 10
    if rtype == 1:
        got.append(socket.inet_ntoa(r[i:i + rdlen]))
    i += rdlen
ok = r[:2] == q[:2] and want in got
print(" ".join(got) or "no A record")
sys.exit(0 if ok else 1)
EOF
}

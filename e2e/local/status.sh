#!/usr/bin/env bash
# Prints which local components run (see up.sh). Exit status 0 only if all of them do.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

down=0
for c in "${COMPONENTS[@]}"; do
  if pid="$(alive "$c")"; then
    printf '%-24s running (pid %s)\n' "$c" "$pid"
  else
    printf '%-24s not running\n' "$c"
    down=1
  fi
done
mapfile -t solvers < <(solver_pids)
printf '%-24s %s\n' "solver processes" "${#solvers[@]}${solvers[*]:+ (pids ${solvers[*]})}"
"$LOCAL_DIR/operator.sh" status || down=1
exit "$down"

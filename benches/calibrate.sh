#!/bin/bash
# Whole-process timing of `--calibrate` on honduras-oct2018 (README, Scaling): median CPU time
# (user + system) and wall time over N runs (default 11) of the release binary.
#   benches/calibrate.sh [N] [BINARY]
set -euo pipefail
n=${1:-11}
bin=${2:-target/release/route-sim}
out=$(mktemp -d)
times=$(mktemp)
trap 'rm -rf "$out" "$times"' EXIT
for _ in $(seq "$n"); do
  /usr/bin/time -f "%U %S %e" -a -o "$times" "$bin" --caravan honduras-oct2018 --calibrate -q --out "$out/run" >/dev/null
done
python3 - "$times" <<'PY'
import statistics, sys
rows = [list(map(float, line.split())) for line in open(sys.argv[1])]
cpu = [u + s for u, s, _ in rows]
wall = [w for _, _, w in rows]
print(f"{len(rows)} runs: CPU median {statistics.median(cpu):.3f} s ({min(cpu):.3f}-{max(cpu):.3f}), "
      f"wall median {statistics.median(wall):.2f} s ({min(wall):.2f}-{max(wall):.2f})")
PY

#!/usr/bin/env bash
# The main job (every default output written) with many groups, whole process: README's
# Scaling row "main job with 1,000 groups". Builds the release binary, writes the caravan
# files with benches/many_groups.py, runs each RUNS times and prints the median CPU time
# (user + system, the steadier figure on a shared machine) and wall time, then how much
# 3,000 groups cost per group against 1,000 (1.0 = linear).
# Usage: benches/many_groups.sh [RUNS] [GROUPS...]   (default 5 1000 3000)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${1:-5}"
shift || true
SIZES=("$@")
[ "${#SIZES[@]}" -gt 0 ] || SIZES=(1000 3000)
cargo build --release --quiet
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
declare -A cpu
for n in "${SIZES[@]}"; do
  python3 benches/many_groups.py "$n" >"$tmp/g$n.toml"
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -f "%U %S %e" -o "$tmp/t" target/release/route-sim --scenario "$tmp/g$n.toml" -q --out "$tmp/out$n" >/dev/null
    cat "$tmp/t"
  done >"$tmp/times$n"
  cpu[$n]=$(python3 - "$n" "$tmp/times$n" <<'EOF'
import statistics, sys
n, path = sys.argv[1], sys.argv[2]
rows = [list(map(float, line.split())) for line in open(path) if line.strip()]
cpu = [u + s for u, s, _ in rows]
wall = [w for _, _, w in rows]
print(f"{n} groups: CPU median {statistics.median(cpu):.2f} s ({min(cpu):.2f}-{max(cpu):.2f}), "
      f"wall median {statistics.median(wall):.2f} s ({min(wall):.2f}-{max(wall):.2f}), {len(rows)} runs",
      file=sys.stderr)
print(statistics.median(cpu))
EOF
  )
done
if [ "${#SIZES[@]}" -ge 2 ]; then
  a=${SIZES[0]} b=${SIZES[-1]}
  python3 -c "import sys; a, b, ca, cb = map(float, sys.argv[1:]); print(f'CPU per group, {b:.0f} against {a:.0f} groups: {(cb / b) / (ca / a):.2f} (1.0 = linear)')" "$a" "$b" "${cpu[$a]}" "${cpu[$b]}"
fi

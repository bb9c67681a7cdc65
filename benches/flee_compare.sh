#!/usr/bin/env bash
# Side by side with Flee 3.1 on the same work: a 30-location line with links of 144 km,
# 48 km a day, agents leaving every day, single thread, only the day loop timed.
# Installs Flee into target/flee-venv (never committed). Prints both rates and the ratio.
# Usage: benches/flee_compare.sh [AGENTS] [DAYS]   (default 100000 60)
set -euo pipefail
cd "$(dirname "$0")/.."
AGENTS="${1:-100000}"
DAYS="${2:-60}"
VENV=target/flee-venv

if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c "import flee" 2>/dev/null; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet "flee==3.1"
fi
cargo build --release --quiet --example dayloop

ours=$(RAYON_NUM_THREADS=1 target/release/examples/dayloop --movers "$AGENTS" --days "$DAYS" --repeat 5)
echo "route-sim: $ours"
theirs=$("$VENV/bin/python" benches/flee_compare.py --agents "$AGENTS" --days "$DAYS" --settings target/flee-settings.yml 2>/dev/null | grep '^flee agents')
echo "$theirs"

rate() { sed -E 's/.*agent_days_per_second ([0-9.e+-]+).*/\1/' <<<"$1"; }
python3 -c "import sys; o, t = float(sys.argv[1]), float(sys.argv[2]); print(f'route-sim / Flee: {o / t:,.0f} times the agent-days per second')" "$(rate "$ours")" "$(rate "$theirs")"

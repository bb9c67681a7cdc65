#!/bin/sh
# Whole-process speed and memory of `route-sim extract` on 100 MB of article text.
#
#   benches/extract_100mb.sh DIR...     # DIRs of article .txt files (e.g. the seed articles
#                                       # and /work/textsets/dev on the team machine)
#
# Repeats the articles (in file-name order) up to exactly 100 MiB in target/extract-100mb.txt,
# then runs the release binary on it five times under /usr/bin/time and prints user+system
# CPU seconds, wall seconds, peak memory (MB) and MB/s of CPU time for each run. The article
# texts are not in the repository (we do not commit others' sentences): pass their folders.
set -eu
[ $# -ge 1 ] || { echo "usage: $0 DIR..." >&2; exit 2; }
big=target/extract-100mb.txt
cat $(for d in "$@"; do ls "$d"/*.txt; done | sort) > target/extract-unit.txt
python3 - target/extract-unit.txt "$big" <<'PY'
import sys
unit = open(sys.argv[1], 'rb').read()
size = 100 * 1024 * 1024
open(sys.argv[2], 'wb').write((unit * (size // len(unit) + 1))[:size])
PY
cargo build --release -q
for run in 1 2 3 4 5; do
    /usr/bin/time -f '%U %S %e %M' -o target/extract-time.txt \
        target/release/route-sim extract "$big" > /dev/null
    awk '{cpu = $1 + $2; printf "run %d: %.2f s CPU, %.2f s wall, %.0f MB peak, %.1f MB/s of CPU\n", '"$run"', cpu, $3, $4 / 1024, 100 / cpu}' target/extract-time.txt
done

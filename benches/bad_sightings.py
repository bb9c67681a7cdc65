#!/usr/bin/env python3
"""Print a bundled caravan file with N extra sightings at unknown places, to time how
checking and reporting every problem of a file scales with its size.

    python3 benches/bad_sightings.py 20000 > /tmp/bad.toml
    /usr/bin/time target/release/route-sim --scenario /tmp/bad.toml -q   # exit 2, N problems
"""
import sys
from pathlib import Path

n = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
caravan = sys.argv[2] if len(sys.argv) > 2 else "tapachula-sep2021"
path = Path(__file__).resolve().parent.parent / "data" / "caravans" / f"{caravan}.toml"
out = [path.read_text(encoding="utf-8").rstrip(), ""]
for i in range(n):
    out += [
        "[[sightings]]",
        'date = "2021-09-05"',
        f'place = "Nowhereville{i}"',
        'kind = "night_stop"',
        'source = "seeds/001_9c667aca175d9670.toml"',
        "",
    ]
print("\n".join(out))

#!/usr/bin/env python3
"""Print a bundled caravan file with N groups in all (the file's own plus copies), to time
how the main job scales with the number of groups.

    python3 benches/many_groups.py 1000 > /tmp/groups1000.toml
    hyperfine "target/release/route-sim --scenario /tmp/groups1000.toml -q --out /tmp/g1000"

The extra groups walk the same route at paces from 0.80 to 1.20 of the file's pace, with
headcounts from 10 to 500, so they spread out along the route as real groups do.
"""
import sys
from pathlib import Path

n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
caravan = sys.argv[2] if len(sys.argv) > 2 else "honduras-oct2018"
path = Path(__file__).resolve().parent.parent / "data" / "caravans" / f"{caravan}.toml"
text = path.read_text(encoding="utf-8")
own = text.count("[[groups]]") + text.count('new_group = "')
out = [text.rstrip(), ""]
for i in range(max(0, n - own)):
    out += [
        "[[groups]]",
        f'name = "extra{i + 1}"',
        f"headcount = {10 + (i * 37) % 491}",
        f"pace_factor = {0.80 + 0.40 * ((i * 7919) % 1000) / 999:.3f}",
        "",
    ]
print("\n".join(out))

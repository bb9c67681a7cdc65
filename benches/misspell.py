#!/usr/bin/env python3
"""Print N misspelt town names (one per line) for timing suggestions.

Each is a gazetteer name (data/towns.csv) with one random edit: a letter dropped, doubled,
replaced or swapped with the next. Seeded, so every run prints the same list.

    python3 benches/misspell.py 10000 > /tmp/misspelt.txt
    hyperfine -i "xargs -d '\\n' -a /tmp/misspelt.txt target/release/route-sim geocode"
"""
import csv
import random
import sys
from pathlib import Path

n = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
rng = random.Random(14)
towns = Path(__file__).resolve().parent.parent / "data" / "towns.csv"
with open(towns, newline="", encoding="utf-8") as f:
    names = sorted({row["name"] for row in csv.DictReader(f)})
letters = "abcdefghijklmnopqrstuvwxyz"
for _ in range(n):
    name = rng.choice(names)
    i = rng.randrange(len(name))
    edit = rng.randrange(4)
    if edit == 0:
        name = name[:i] + name[i + 1 :]
    elif edit == 1:
        name = name[:i] + name[i] + name[i:]
    elif edit == 2:
        name = name[:i] + rng.choice(letters) + name[i + 1 :]
    elif i + 1 < len(name):
        name = name[:i] + name[i + 1] + name[i] + name[i + 2 :]
    print(name.strip() or "x")

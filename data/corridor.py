#!/usr/bin/env python3
"""Writes data/corridor_towns.csv: the places of data/towns.csv in Mexico, Guatemala, Honduras
and El Salvador that lie within CORRIDOR_KM of a highway leg of data/roads/highways.csv, with
that highway and the distance.

Caravans walk and ride along these few highways, so a village beside one, named in a place's
slot ("on the highway in Vado Hondo"), is far more likely the place a caravan story means than
a village of the same name elsewhere. The article extractor (src/extract/places.rs) reads this
table as that prior. Distances are to the straight legs between the highway's towns, as
data/highways.py measures them for the village scripts.

Run from the repository root after data/towns.csv or data/roads/highways.csv change:

    python3 data/corridor.py
"""
import csv
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from highways import nearest_highway  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
TOWNS = os.path.join(HERE, "towns.csv")
OUT = os.path.join(HERE, "corridor_towns.csv")
# The caravans' walking countries (the corridor of data/towns.README.md rule 4); US towns
# on the interstates are destinations, not roadside stops.
COUNTRIES = {"MX", "GT", "HN", "SV"}
# Legs are straight lines between towns 10-60 km apart, so a roadside village can be a few
# km off its leg; beyond this the table would hold villages of every valley.
CORRIDOR_KM = 5.0


def main():
    nearest = nearest_highway()
    rows = []
    with open(TOWNS, encoding="utf-8", newline="") as f:
        for t in csv.DictReader(f):
            if t["country_code"] not in COUNTRIES:
                continue
            km, highway = nearest((float(t["lon"]), float(t["lat"])))
            if km <= CORRIDOR_KM:
                rows.append((t["id"], highway, f"{km:.1f}"))
    with open(OUT, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "highway", "km"])
        w.writerows(rows)
    print(f"{OUT}: {len(rows)} places within {CORRIDOR_KM} km of a highway", file=sys.stderr)


if __name__ == "__main__":
    main()

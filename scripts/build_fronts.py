#!/usr/bin/env python3
"""Build data/fronts.geojson from scripts/fronts.tsv and the gazetteer in data/gazetteer/.

Usage:
    python3 scripts/build_fronts.py            build, then print the check report
    python3 scripts/build_fronts.py --check    only validate and report (no writing)

Run scripts/build_gazetteer.py first.  Python 3 standard library only.  All anchor
points are looked up in data/gazetteer/aliases.tsv or geonames-LY-and-neighbours.tsv;
no coordinate is typed in this script or in the table.  Output is byte-reproducible.

Geometry:
  circle    64-vertex geodesic circle (spherical Earth, R = 6371.0088 km)
  corridor  buffer of a polyline: offset lines at +/- radius, round joins on the outer
            side of bends, mitred inner side, round end caps (16 vertices per half circle),
            computed in a local equirectangular projection centred on the polyline
  hull      convex hull (in lon/lat) of 64-vertex geodesic circles around the points,
            plus the vertices of any front:<id> polygons
Rings are [lon, lat], rounded to 5 decimals, closed, exterior counter-clockwise.
"""

import hashlib
import json
import math
import os
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TABLE = os.path.join(REPO, "scripts", "fronts.tsv")
GAZ = os.path.join(REPO, "data", "gazetteer", "geonames-LY-and-neighbours.tsv")
ALIASES = os.path.join(REPO, "data", "gazetteer", "aliases.tsv")
OUT = os.path.join(REPO, "data", "fronts.geojson")
BASEMAP = [os.path.join(REPO, "data", "basemap", n) for n in ("admin1-LY.geojson", "countries.geojson")]

R_EARTH = 6371.0088  # km, IUGG mean radius
NVERT = 64
NDP = 5
COLUMNS = ["order", "id", "name", "name_ar", "color", "shape", "radius_km", "points", "aliases", "note"]


# ------------------------------------------------------------------ inputs

def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def load_points():
    pts = {}
    with open(GAZ, encoding="utf-8") as f:
        for line in f:
            c = line.rstrip("\n").split("\t")
            pts["gn:" + c[0]] = (float(c[4]), float(c[5]), c[1])
    aliases = []
    with open(ALIASES, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        for line in f:
            rec = dict(zip(header, line.rstrip("\n").split("\t")))
            pts[rec["id"]] = (float(rec["latitude"]), float(rec["longitude"]), rec["name"])
            aliases.append(rec)
    return pts, aliases


def load_table():
    rows = []
    with open(TABLE, encoding="utf-8") as f:
        lines = [l.rstrip("\n") for l in f if l.strip() and not l.startswith("#")]
    header = lines[0].split("\t")
    if header != COLUMNS:
        raise SystemExit(f"fronts.tsv header {header} != {COLUMNS}")
    for ln in lines[1:]:
        c = ln.split("\t")
        c += [""] * (len(COLUMNS) - len(c))
        r = dict(zip(COLUMNS, c))
        r["order"] = int(r["order"])
        r["radius_km"] = float(r["radius_km"])
        r["points"] = r["points"].split()
        r["aliases"] = [a.strip() for a in r["aliases"].split("|") if a.strip()]
        rows.append(r)
    ids = [r["id"] for r in rows]
    if len(set(ids)) != len(ids):
        raise SystemExit("duplicate front id")
    if sorted(r["order"] for r in rows) != list(range(1, len(rows) + 1)):
        raise SystemExit("order must be 1..n without gaps")
    cols = [r["color"].lower() for r in rows]
    if len(set(cols)) != len(cols):
        raise SystemExit("colours must be distinct")
    return rows


def resolve(ref, pts):
    """Return (lat, lon, label, provisional)."""
    if ref.startswith("mid(") and ref.endswith(")"):
        a, b, frac = ref[4:-1].split(";")
        la, lo, na = pts[a]
        lb, lob, nb = pts[b]
        f = float(frac)
        where = (f"halfway between {na} and {nb}" if f == 0.5
                 else f"{f * 100:g}% of the way from {na} to {nb}")
        return la + f * (lb - la), lo + f * (lob - lo), f"a provisional point {where}", True
    if ref not in pts:
        raise SystemExit(f"unknown point reference {ref}")
    la, lo, n = pts[ref]
    return la, lo, n, False


# ---------------------------------------------------------------- geometry

def destination(lat, lon, bearing_deg, dist_km):
    p1, l1, b = math.radians(lat), math.radians(lon), math.radians(bearing_deg)
    d = dist_km / R_EARTH
    p2 = math.asin(math.sin(p1) * math.cos(d) + math.cos(p1) * math.sin(d) * math.cos(b))
    l2 = l1 + math.atan2(math.sin(b) * math.sin(d) * math.cos(p1),
                         math.cos(d) - math.sin(p1) * math.sin(p2))
    return math.degrees(p2), math.degrees(l2)


def geodesic_circle(lat, lon, radius_km, n=NVERT):
    """[lon, lat] vertices, counter-clockwise (bearings decreasing from north), not closed."""
    out = []
    for i in range(n):
        la, lo = destination(lat, lon, -360.0 * i / n, radius_km)
        out.append([lo, la])
    return out


def signed_area(ring):
    s = 0.0
    for i in range(len(ring) - 1):
        s += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1]
    return s / 2.0


def convex_hull(points):
    pts = sorted(set((p[0], p[1]) for p in points))
    if len(pts) < 3:
        raise SystemExit("hull needs 3+ points")

    def cross(o, a, b):
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    lower, upper = [], []
    for p in pts:
        while len(lower) >= 2 and cross(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    for p in reversed(pts):
        while len(upper) >= 2 and cross(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    return [list(p) for p in lower[:-1] + upper[:-1]]  # counter-clockwise


def corridor(latlons, w_km):
    """Buffer of a polyline in a local equirectangular projection (km)."""
    lat0 = sum(p[0] for p in latlons) / len(latlons)
    lon0 = sum(p[1] for p in latlons) / len(latlons)
    k = math.pi * R_EARTH / 180.0
    cx = math.cos(math.radians(lat0))
    P = [((lo - lon0) * cx * k, (la - lat0) * k) for la, lo in latlons]
    # drop repeated points
    Q = [P[0]]
    for p in P[1:]:
        if math.hypot(p[0] - Q[-1][0], p[1] - Q[-1][1]) > 1e-9:
            Q.append(p)
    if len(Q) < 2:
        raise SystemExit("corridor needs two distinct points")
    step = 2 * math.pi / NVERT

    def arc(c, a_from, a_to, ccw):
        """Points on a circle of radius w around c from angle a_from to a_to (exclusive ends)."""
        if ccw:
            while a_to <= a_from:
                a_to += 2 * math.pi
            span = a_to - a_from
        else:
            while a_to >= a_from:
                a_to -= 2 * math.pi
            span = a_from - a_to
        n = int(math.floor(span / step - 1e-9))
        out = []
        for i in range(1, n + 1):
            a = a_from + (i * step if ccw else -i * step)
            out.append((c[0] + w_km * math.cos(a), c[1] + w_km * math.sin(a)))
        return out

    def side(pts):
        """Left-hand offset boundary from pts[0] to pts[-1], with joins."""
        segs = []
        for a, b in zip(pts, pts[1:]):
            dx, dy = b[0] - a[0], b[1] - a[1]
            L = math.hypot(dx, dy)
            segs.append((a, b, (dx / L, dy / L), (-dy / L, dx / L)))
        out = []
        a, b, d, n = segs[0]
        out.append((a[0] + w_km * n[0], a[1] + w_km * n[1]))
        for i in range(1, len(segs)):
            _, p, d0, n0 = segs[i - 1]
            _, _, d1, n1 = segs[i]
            turn = d0[0] * d1[1] - d0[1] * d1[0]
            if turn > 0:  # left turn: left side is the inner side -> intersect offsets
                a0 = (p[0] + w_km * n0[0], p[1] + w_km * n0[1])
                a1 = (p[0] + w_km * n1[0], p[1] + w_km * n1[1])
                den = d0[0] * d1[1] - d0[1] * d1[0]
                t = ((a1[0] - a0[0]) * d1[1] - (a1[1] - a0[1]) * d1[0]) / den
                out.append((a0[0] + t * d0[0], a0[1] + t * d0[1]))
            else:  # outer side: round join
                out.append((p[0] + w_km * n0[0], p[1] + w_km * n0[1]))
                out += arc(p, math.atan2(n0[1], n0[0]), math.atan2(n1[1], n1[0]), ccw=False)
                out.append((p[0] + w_km * n1[0], p[1] + w_km * n1[1]))
        a, b, d, n = segs[-1]
        out.append((b[0] + w_km * n[0], b[1] + w_km * n[1]))
        return out, segs[-1]

    left, last = side(Q)
    right, first_rev = side(list(reversed(Q)))
    ring = list(left)
    # end cap at Q[-1]: from left normal, clockwise round the end to the right normal
    _, end, _, n_end = last
    ring += arc(end, math.atan2(n_end[1], n_end[0]), math.atan2(-n_end[1], -n_end[0]), ccw=False)
    ring += right
    _, start, _, n_start = first_rev
    ring += arc(start, math.atan2(n_start[1], n_start[0]), math.atan2(-n_start[1], -n_start[0]), ccw=False)
    return [[lon0 + x / (cx * k), lat0 + y / k] for x, y in ring]


def finish_ring(ring):
    """Round to NDP, drop repeats, close, make counter-clockwise."""
    out = []
    for lo, la in ring:
        p = [round(lo, NDP), round(la, NDP)]
        if not out or p != out[-1]:
            out.append(p)
    if out[0] == out[-1]:
        out.pop()
    out.append(list(out[0]))
    if signed_area(out) < 0:
        out.reverse()
    if len(out) < 4:
        raise SystemExit("degenerate ring")
    return out


def ring_area_km2(ring):
    """Area on the sphere (same formula as d3/turf ringArea)."""
    s = 0.0
    for i in range(len(ring) - 1):
        lo1, la1 = map(math.radians, ring[i])
        lo2, la2 = map(math.radians, ring[i + 1])
        s += (lo2 - lo1) * (2 + math.sin(la1) + math.sin(la2))
    return abs(s * R_EARTH * R_EARTH / 2.0)


def point_in_ring(lon, lat, ring):
    inside = False
    for i in range(len(ring) - 1):
        x1, y1 = ring[i]
        x2, y2 = ring[i + 1]
        if (y1 > lat) != (y2 > lat):
            x = x1 + (lat - y1) * (x2 - x1) / (y2 - y1)
            if x > lon:
                inside = not inside
    return inside


# ------------------------------------------------------------------ build

def fmt_km(x):
    return f"{x:g}"


def method_sentence(r, labels):
    names = " and ".join(labels) if len(labels) <= 2 else ", ".join(labels[:-1]) + " and " + labels[-1]
    if r["shape"] == "circle":
        s = f"64-vertex geodesic circle of radius {fmt_km(r['radius_km'])} km around {names}"
    elif r["shape"] == "corridor":
        s = (f"Buffer of {fmt_km(r['radius_km'])} km either side of the line "
             f"{' – '.join(labels)}")
    else:
        s = f"Convex hull of {fmt_km(r['radius_km'])} km geodesic circles around {names}"
    if r["note"]:
        s += f"; {r['note']}"
    return s + "."


def build(rows, pts):
    geoms, feats = {}, {}
    pending = list(rows)
    while pending:
        progressed = False
        for r in list(pending):
            deps = [p[6:] for p in r["points"] if p.startswith("front:")]
            if any(d not in geoms for d in deps):
                continue
            pending.remove(r)
            progressed = True
            anchors, labels, provisional, prov_label = [], [], False, None
            for p in r["points"]:
                if p.startswith("front:"):
                    labels.append(f"the {p[6:]} front")
                    continue
                la, lo, lab, prov = resolve(p, pts)
                anchors.append((la, lo))
                provisional |= prov
                labels.append(lab)
            if r["shape"] == "circle":
                if len(anchors) != 1:
                    raise SystemExit(f"{r['id']}: circle needs one point")
                ring = geodesic_circle(anchors[0][0], anchors[0][1], r["radius_km"])
            elif r["shape"] == "corridor":
                ring = corridor(anchors, r["radius_km"])
            elif r["shape"] == "hull":
                cloud = []
                for la, lo in anchors:
                    cloud += geodesic_circle(la, lo, r["radius_km"])
                for d in deps:
                    cloud += geoms[d][0][:-1]
                ring = convex_hull(cloud)
            else:
                raise SystemExit(f"{r['id']}: unknown shape {r['shape']}")
            poly = [finish_ring(ring)]
            geoms[r["id"]] = poly
            if r["shape"] == "hull":
                labels = [l for l in labels if not l.startswith("the ")] + (
                    [f"the polygons of the {len(deps)} fronts it encloses"] if deps else [])
            feats[r["id"]] = {
                "type": "Feature",
                "id": r["id"],
                "properties": {
                    "id": r["id"],
                    "name": r["name"],
                    "name_ar": r["name_ar"],
                    "aliases": r["aliases"],
                    "color": r["color"].lower(),
                    "order": r["order"],
                    "method": method_sentence(r, labels),
                    "provisional": provisional,
                    "anchors": r["points"],
                },
                "geometry": {"type": "Polygon", "coordinates": poly},
            }
        if not progressed:
            raise SystemExit("circular front: references")
    ordered = [feats[r["id"]] for r in sorted(rows, key=lambda r: r["order"])]
    return {
        "type": "FeatureCollection",
        "provenance": {
            "generator": "scripts/build_fronts.py",
            "table": {"path": "scripts/fronts.tsv", "sha256": sha256(TABLE)},
            "gazetteer": {"path": "data/gazetteer/geonames-LY-and-neighbours.tsv", "sha256": sha256(GAZ)},
            "aliases": {"path": "data/gazetteer/aliases.tsv", "sha256": sha256(ALIASES)},
        },
        "features": ordered,
    }


def write(fc):
    with open(OUT, "w", encoding="utf-8", newline="\n") as f:
        f.write('{"type":"FeatureCollection",\n"provenance":')
        f.write(json.dumps(fc["provenance"], ensure_ascii=False, separators=(",", ":")))
        f.write(',\n"features":[\n')
        f.write(",\n".join(json.dumps(ft, ensure_ascii=False, separators=(",", ":"))
                           for ft in fc["features"]))
        f.write("\n]}\n")


# ------------------------------------------------------------------ checks

def polygons_of(geom):
    if geom["type"] == "Polygon":
        return [geom["coordinates"]]
    if geom["type"] == "MultiPolygon":
        return geom["coordinates"]
    raise ValueError(geom["type"])


def validate(path):
    with open(path, encoding="utf-8") as f:
        fc = json.load(f)
    problems = []
    if fc.get("type") != "FeatureCollection":
        problems.append("not a FeatureCollection")
    nring = 0
    for i, ft in enumerate(fc["features"]):
        for poly in polygons_of(ft["geometry"]):
            for j, ring in enumerate(poly):
                nring += 1
                if len(ring) < 4:
                    problems.append(f"feature {i} ring {j}: < 4 positions")
                if ring[0] != ring[-1]:
                    problems.append(f"feature {i} ring {j}: not closed")
                a = signed_area(ring)
                if (j == 0 and a <= 0) or (j > 0 and a >= 0):
                    problems.append(f"feature {i} ring {j}: wrong orientation")
                for lo, la in ring:
                    if not (-180 <= lo <= 180 and -90 <= la <= 90):
                        problems.append(f"feature {i}: position out of range")
                        break
    return len(fc["features"]), nring, problems


def report(pts, aliases):
    with open(OUT, encoding="utf-8") as f:
        fc = json.load(f)
    fronts = [(ft["properties"]["id"], ft["geometry"]["coordinates"][0]) for ft in fc["features"]]
    areas = {fid: ring_area_km2(ring) for fid, ring in fronts}
    print(f"{'order':>5} {'front':<18} {'area km2':>10}  alias points inside")
    for ft in fc["features"]:
        p = ft["properties"]
        ring = ft["geometry"]["coordinates"][0]
        inside = [a["id"][3:] for a in aliases
                  if point_in_ring(float(a["longitude"]), float(a["latitude"]), ring)]
        flag = " (provisional anchor)" if p["provisional"] else ""
        print(f"{p['order']:>5} {p['id']:<18} {areas[p['id']]:>10.1f}  {', '.join(inside) or '-'}{flag}")
    print("\nalias point -> smallest containing front")
    for a in aliases:
        lo, la = float(a["longitude"]), float(a["latitude"])
        hits = [fid for fid, ring in fronts if point_in_ring(lo, la, ring)]
        best = min(hits, key=lambda f: areas[f]) if hits else "-"
        print(f"  {a['id']:<34} {best}")
    # overlap of neighbouring small fronts: centre distance vs radii
    print("\nfront pairs whose polygons share vertices inside each other (overlaps):")
    for i, (f1, r1) in enumerate(fronts):
        for f2, r2 in fronts[i + 1:]:
            n12 = sum(point_in_ring(x, y, r2) for x, y in r1[:-1])
            n21 = sum(point_in_ring(x, y, r1) for x, y in r2[:-1])
            if (n12 or n21) and f1 != "tripoli" and f2 != "tripoli":
                print(f"  {f1} / {f2}: {n12} vertices of {f1} in {f2}, {n21} of {f2} in {f1}")


def main(argv):
    pts, aliases = load_points()
    if "--check" not in argv:
        rows = load_table()
        fc = build(rows, pts)
        write(fc)
        print(f"wrote {os.path.relpath(OUT, REPO)}: {len(fc['features'])} fronts")
    for path in [OUT] + BASEMAP:
        if os.path.exists(path):
            n, nr, problems = validate(path)
            status = "OK" if not problems else "PROBLEMS: " + "; ".join(problems[:5])
            print(f"validate {os.path.relpath(path, REPO)}: {n} features, {nr} rings, {status}")
            if problems:
                sys.exit(1)
    report(pts, aliases)


if __name__ == "__main__":
    main(sys.argv)

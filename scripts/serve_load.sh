#!/usr/bin/env bash
# `frontline serve` under load, beside pygeoapi serving the same GeoJSON on the same machine
# in the same run (docs/serving.md shows the figures).
#
#   scripts/serve_load.sh [BIG.csv]
#
# For the shipped data, and for BIG.csv when given (an ACLED-like export, e.g. a million rows):
# REQUESTS requests (10000) from CONCURRENCY keep-alive clients (50), on loopback only, with
# benches/serve_load.rs as the client, mixing four kinds of request in equal parts: a bbox,
# a datetime range (a week or a month), near a place (a point and a radius; pygeoapi, which
# has no such parameter, gets the box around the circle) and paging (limit and offset). Each
# frontline run is repeated ROUNDS times (3) and the median run reported; pygeoapi runs once
# for the shipped data (it reads the whole GeoJSON file on every request), and for BIG only
# PEER_BIG_REQUESTS requests (10) from one client, as each request re-reads a file of about a
# gigabyte.
#
# pygeoapi comes from PyPI into a virtualenv outside the repository (PEER_VENV,
# /tmp/pygeoapi-venv): `python3 -m venv /tmp/pygeoapi-venv && /tmp/pygeoapi-venv/bin/pip
# install pygeoapi gunicorn`; without it only frontline is measured. Everything the run
# writes goes to WORK (/tmp/serve-load). The run stops by itself: fixed counts, and a
# deadline per load run.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$(pwd)

BIG="${1:-}"
REQUESTS="${REQUESTS:-10000}"
CONCURRENCY="${CONCURRENCY:-50}"
ROUNDS="${ROUNDS:-3}"
PEER_VENV="${PEER_VENV:-/tmp/pygeoapi-venv}"
PEER_BIG_REQUESTS="${PEER_BIG_REQUESTS:-10}"
WORK="${WORK:-/tmp/serve-load}"
mkdir -p "$WORK"

cargo build --release --quiet
cargo bench --quiet --bench serve_load --no-run 2>/dev/null
load() { cargo bench --quiet --bench serve_load -- "$@"; }

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

wait_for() { # URL: until it answers, at most 10 minutes (a first start indexes a big file)
  for _ in $(seq 1 1200); do
    curl -sf -o /dev/null "$1" && return 0
    sleep 0.5
  done
  echo "no answer from $1" >&2
  return 1
}

# The URL lists: the same four kinds for both servers, from a fixed seed.
urls() { # BASE KIND(frontline|peer) OUT [big]
  python3 - "$@" <<'PY'
import datetime, math, random, sys
base, kind, out = sys.argv[1], sys.argv[2], sys.argv[3]
big = len(sys.argv) > 4
rng = random.Random(20190404)
places = [(32.89, 13.19), (32.79, 13.25), (32.17, 13.02), (32.43, 13.63), (32.38, 15.09),
          (31.20, 16.59), (32.75, 12.73), (32.69, 13.17), (32.85, 13.40), (32.95, 12.55)]
lines = []
for i in range(400):
    k = i % 4
    if k == 0:  # a box somewhere in the west, 0.1 to 1.2 degrees wide
        w = rng.uniform(0.1, 1.2); lon = rng.uniform(11.8, 16.0); lat = rng.uniform(30.8, 33.0)
        q = f"bbox={lon:.3f},{lat:.3f},{lon + w:.3f},{lat + w * 0.7:.3f}&limit=100"
    elif k == 1:  # a week or a month of the war
        s = datetime.date(2019, 4, 1) + datetime.timedelta(days=rng.randrange(0, 570))
        e = s + datetime.timedelta(days=6 if rng.random() < 0.5 else 30)
        q = f"datetime={s.isoformat()}/{e.isoformat()}&limit=100"
    elif k == 2:  # near a place, 5 to 40 km
        lat, lon = rng.choice(places); km = rng.choice([5, 10, 20, 40])
        if kind == "frontline":
            q = f"near={lat},{lon}&radius={km}&limit=100"
        else:  # pygeoapi has no circle: the box around it
            dlat = km / 110.57; dlon = km / (111.32 * math.cos(math.radians(lat)))
            q = f"bbox={lon - dlon:.4f},{lat - dlat:.4f},{lon + dlon:.4f},{lat + dlat:.4f}&limit=100"
    else:  # paging through everything
        pages = 2000 if big else 6
        q = f"limit=50&offset={50 * rng.randrange(0, pages)}"
    lines.append(f"{base}/collections/events/items?{q}&f=json")
open(out, "w").write("\n".join(lines) + "\n")
PY
}

peer_config() { # GEOJSON PORT OUT
  cat > "$3" <<YAML
server:
  bind: {host: 127.0.0.1, port: $2}
  url: http://127.0.0.1:$2
  mimetype: application/json; charset=UTF-8
  encoding: utf-8
  language: en-US
  cors: false
  pretty_print: false
  limits: {default_items: 10, max_items: 10000}
  map: {url: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png', attribution: 'OpenStreetMap'}
logging: {level: ERROR}
metadata:
  identification: {title: peer, description: peer, keywords: [events], keywords_type: theme, terms_of_service: none, url: 'http://127.0.0.1'}
  license: {name: none, url: 'http://127.0.0.1'}
  provider: {name: none, url: 'http://127.0.0.1'}
  contact: {name: none, position: none, address: none, city: none, stateorprovince: none, postalcode: none, country: none, phone: none, fax: none, email: none, url: 'http://127.0.0.1', hours: none, instructions: none, role: pointOfContact}
resources:
  events:
    type: collection
    title: events
    description: events
    keywords: [events]
    extents:
      spatial: {bbox: [-180, -90, 180, 90], crs: 'http://www.opengis.net/def/crs/OGC/1.3/CRS84'}
    providers:
      - type: feature
        name: GeoJSON
        data: $1
        id_field: event_id_cnty
YAML
}

start_peer() { # GEOJSON PORT
  local config="$WORK/pygeoapi-$2.yml"
  peer_config "$1" "$2" "$config"
  PYGEOAPI_CONFIG="$config" PYGEOAPI_OPENAPI="$WORK/openapi-$2.yml" \
    "$PEER_VENV/bin/pygeoapi" openapi generate "$config" --output-file "$WORK/openapi-$2.yml" >/dev/null
  # gunicorn, as pygeoapi's docs deploy it: a worker per core, threads for keep-alive.
  PYGEOAPI_CONFIG="$config" PYGEOAPI_OPENAPI="$WORK/openapi-$2.yml" \
    "$PEER_VENV/bin/gunicorn" -w "$(nproc)" -k gthread --threads 8 -b "127.0.0.1:$2" \
    --log-level error pygeoapi.flask_app:APP >"$WORK/peer-$2.log" 2>&1 &
  pids+=($!)
  wait_for "http://127.0.0.1:$2/collections/events"
}

median() { # FILE of JSON lines: the run with the median requests per second
  python3 - "$1" <<'PY'
import json, sys
runs = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
runs.sort(key=lambda r: r["rps"])
m = runs[len(runs) // 2]
m["rounds"] = len(runs)
m["rps_range"] = [runs[0]["rps"], runs[-1]["rps"]]
m["p50_range"] = [min(r["p50_ms"] for r in runs), max(r["p50_ms"] for r in runs)]
m["p99_range"] = [min(r["p99_ms"] for r in runs), max(r["p99_ms"] for r in runs)]
print(json.dumps(m))
PY
}

measure() { # NAME DIR DATA-ARGS… : frontline in DIR, ROUNDS times
  local name="$1" dir="$2"; shift 2
  local port=18931
  local t0; t0=$(date +%s.%N)
  (cd "$dir" && exec "$REPO/target/release/frontline" serve --addr "127.0.0.1:$port" "$@") \
    >"$WORK/frontline-$name.log" 2>&1 &
  pids+=($!); local server=$!
  wait_for "http://127.0.0.1:$port/collections/events"
  printf '{"start_s": %.3f}\n' "$(echo "$(date +%s.%N) - $t0" | bc)" >"$WORK/$name-start.json"
  local big=""; [ "$name" = "big" ] && big=1
  urls "http://127.0.0.1:$port" frontline "$WORK/$name-frontline.urls" $big
  : >"$WORK/$name-frontline.runs"
  for _ in $(seq 1 "$ROUNDS"); do
    load "$WORK/$name-frontline.urls" --requests "$REQUESTS" --concurrency "$CONCURRENCY" --deadline 900 \
      >>"$WORK/$name-frontline.runs"
  done
  median "$WORK/$name-frontline.runs" >"$WORK/$name-frontline.json"
  ps -o rss= -p "$server" | awk '{print "{\"rss_mib\": " $1/1024 "}"}' >"$WORK/$name-rss.json"
  kill "$server"; wait "$server" 2>/dev/null || true
}

measure_peer() { # NAME GEOJSON REQUESTS CONCURRENCY
  [ -x "$PEER_VENV/bin/pygeoapi" ] || { echo "no pygeoapi in $PEER_VENV: peer skipped" >&2; return 0; }
  local port=18932
  start_peer "$2" "$port"
  local big=""; [ "$1" = "big" ] && big=1
  urls "http://127.0.0.1:$port" peer "$WORK/$1-peer.urls" $big
  load "$WORK/$1-peer.urls" --requests "$3" --concurrency "$4" --deadline 900 >"$WORK/$1-peer.json"
  cleanup; pids=()
}

echo "shipped data: $(git rev-parse --short HEAD), $(nproc) cores" >&2
target/release/frontline build --out "$WORK/output" >/dev/null 2>&1 || true
measure shipped "$REPO" --data data
measure_peer shipped "$WORK/output/events.geojson" "$REQUESTS" "$CONCURRENCY"

if [ -n "$BIG" ]; then
  # Served on its own, from a folder without data/ (as the benchmark harness runs query):
  # its rows carry their coordinates and fronts, and no gazetteer or country outline of the
  # shipped data applies to them. A first start indexes the file and caches its index; the
  # run measures a start from the cache.
  BIG=$(realpath "$BIG")
  mkdir -p "$WORK/alone"
  rm -f "$(dirname "$BIG")/.frontline-cache/$(basename "$BIG").index"
  t0=$(date +%s.%N)
  (cd "$WORK/alone" && "$REPO/target/release/frontline" query --data "$BIG" --bbox 0,0,0.001,0.001 >/dev/null 2>&1) || true
  printf '{"index_s": %.3f}\n' "$(echo "$(date +%s.%N) - $t0" | bc)" >"$WORK/big-index.json"
  measure big "$WORK/alone" --data "$BIG"
  [ -f "$WORK/big.geojson" ] ||
    (cd "$WORK/alone" && "$REPO/target/release/frontline" query --data "$BIG" --format geojson -o "$WORK/big.geojson" 2>/dev/null)
  measure_peer big "$WORK/big.geojson" "$PEER_BIG_REQUESTS" 1
fi

python3 - "$WORK" <<'PY'
import json, os, sys
w = sys.argv[1]
def get(name):
    p = os.path.join(w, name)
    return json.load(open(p)) if os.path.exists(p) else None
print("| data | server | requests | clients | errors | p50 ms | p99 ms | requests/s | note |")
print("|---|---|---|---|---|---|---|---|---|")
for data in ("shipped", "big"):
    for server in ("frontline", "peer"):
        r = get(f"{data}-{server}.json")
        if not r:
            continue
        note = ""
        if server == "frontline":
            note = f"median of {r['rounds']} runs; requests/s {r['rps_range'][0]:.0f}–{r['rps_range'][1]:.0f}, p99 {r['p99_range'][0]:.1f}–{r['p99_range'][1]:.1f} ms"
            s = get(f"{data}-start.json"); m = get(f"{data}-rss.json")
            if s: note += f"; ready {s['start_s']:.1f} s after start"
            if m: note += f"; {m['rss_mib']:.0f} MiB resident"
        else:
            note = "one run"
        name = "frontline serve" if server == "frontline" else "pygeoapi 0.21 (GeoJSON provider, gunicorn)"
        print(f"| {data} | {name} | {r['completed']} | {r['concurrency']} | {r['errors']} | {r['p50_ms']:.1f} | {r['p99_ms']:.1f} | {r['rps']:.0f} | {note} |")
i = get("big-index.json")
if i:
    print(f"\nIndexing the big file once (then cached beside it): {i['index_s']:.1f} s")
PY

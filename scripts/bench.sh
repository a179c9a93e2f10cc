#!/usr/bin/env bash
# Times frontline's query and chart commands beside the benchmark peers (the Rust floor,
# ogr2ogr, duckdb, polars, geopandas) with the shared harness, which validates every output.
#
#   scripts/bench.sh [N] [run.sh args...]       N defaults to 100000
#   scripts/bench.sh 1000000 --peers floor,tracker,polars,duckdb
#   COLD=1 scripts/bench.sh 1000000 --peers floor,tracker,polars,duckdb
#
# BENCH_HOME  the harness (run.sh, bench.py, validate.py, peers/); default ../shared/bench
#             beside this repo. It is not part of frontline: only this script uses it.
# BENCH_DIR   data, outputs and results (default /tmp/bench); the table is written to
#             $BENCH_DIR/results/bench_N_<stamp>.{md,json} and printed.
# COLD=1      every command gets --no-cache, and the cache is deleted first, so each run
#             reads and indexes the whole CSV. Otherwise the index cache
#             ($BENCH_DIR/.frontline-cache) is built before timing, so every timed run is a
#             repeated query over unchanged data.
#
# The release binary is copied to $BENCH_DIR/bin/frontline-<git describe>, so a rebuild
# during a run changes nothing and the templates in results/*.json name the build timed.
# FRONTLINE=path times that binary instead (e.g. an earlier snapshot, to compare like with like).
# The harness runs in $BENCH_DIR, not in the repo: in a folder with a data/ folder frontline
# loads its fronts and gazetteer and writes front ids, so outputs would differ from the CSV.
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
N=${1:-100000}
shift || true
BENCH_HOME=$(cd "${BENCH_HOME:-$REPO/../shared/bench}" && pwd)
export BENCH_DIR=${BENCH_DIR:-/tmp/bench}
mkdir -p "$BENCH_DIR/bin"

if [ -n "${FRONTLINE:-}" ]; then
  T=$(realpath "$FRONTLINE")
else
  cargo build --release --quiet --manifest-path "$REPO/Cargo.toml"
  T="$BENCH_DIR/bin/frontline-$(git -C "$REPO" describe --always --dirty)"
  cp "$REPO/target/release/frontline" "$T"
fi

INPUT="$BENCH_DIR/events_$N.csv"
[ -f "$INPUT" ] || python3 "$BENCH_HOME/gen.py" "$N" --out "$INPUT"

Q="$T query --data {in}"
BBOX="--bbox {minlon},{minlat},{maxlon},{maxlat} --from {from} --to {to} --dates recorded"
NEAR="--near {lat},{lon} --radius {km} --from {from} --to {to} --dates recorded"
CACHE=""
rm -rf "$BENCH_DIR/.frontline-cache"
if [ "${COLD:-0}" = 1 ]; then
  CACHE=" --no-cache"
else
  # Build the index once (a query that matches nothing still reads every row).
  "$T" query --data "$INPUT" --from 1900-01-01 --to 1900-01-01 --format csv >/dev/null || true
  ls "$BENCH_DIR/.frontline-cache/"* >/dev/null 2>&1 || echo "warning: no index cache was written" >&2
fi
export TRACKER_CONVERT="$Q$CACHE --format geojson -o {out}"
export TRACKER_BBOX="$Q$CACHE $BBOX --format geojson -o {out}"
export TRACKER_RADIUS="$Q$CACHE $NEAR --format geojson -o {out}"
export TRACKER_BBOX_CSV="$Q$CACHE $BBOX --format csv -o {out}"
export TRACKER_AGGREGATE="$T chart by-front --data {in}$CACHE --interval week -o {out} --table {out_csv}"

echo "frontline: $T ($([ "${COLD:-0}" = 1 ] && echo "cold, --no-cache" || echo "cache warm")); harness: $BENCH_HOME" >&2
cd "$BENCH_DIR"
"$BENCH_HOME/run.sh" "$N" "$@"
echo "results table: $(ls -t "$BENCH_DIR"/results/bench_"$N"_*.md | head -1)" >&2

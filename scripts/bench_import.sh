#!/usr/bin/env bash
# Times `frontline import` on the bench generator's ACLED-like file beside peers that read
# and write every row of it: the Rust floor's `convert` (CSV → GeoJSON, the least work a
# whole pass can do), DuckDB and Polars copying the CSV to CSV. Interleaved rounds; the
# medians, the ratio to the floor of the same round, and peak memory are printed.
#
#   scripts/bench_import.sh [N] [ROUNDS]     N defaults to 1000000, ROUNDS to 3
#
# BENCH_HOME  the shared harness (gen.py, floor/, a venv with duckdb and polars); default
#             ../shared/bench beside this repo. BENCH_DIR holds data and outputs (/tmp/bench).
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
N=${1:-1000000}
ROUNDS=${2:-3}
BENCH_HOME=$(cd "${BENCH_HOME:-$REPO/../shared/bench}" && pwd)
BENCH_DIR=${BENCH_DIR:-/tmp/bench}
IN="$BENCH_DIR/events_$N.csv"
OUT="$BENCH_DIR/out/import"
mkdir -p "$OUT"
[ -f "$IN" ] || python3 "$BENCH_HOME/gen.py" "$N" --out "$IN"
cargo build --release --quiet --manifest-path "$REPO/Cargo.toml"
FLOOR="$BENCH_DIR/floor-target/release/floor"
[ -x "$FLOOR" ] || cargo build --release --quiet --manifest-path "$BENCH_HOME/floor/Cargo.toml" --target-dir "$BENCH_DIR/floor-target"
PY="$BENCH_DIR/venv/bin/python"

declare -A CMD=(
  [frontline]="$REPO/target/release/frontline import acled $IN -o $OUT/frontline.csv"
  [floor]="$FLOOR convert $IN $OUT/floor.geojson"
  [duckdb]="$PY -c \"import duckdb; duckdb.sql(\\\"COPY (SELECT * FROM read_csv('$IN')) TO '$OUT/duckdb.csv' (HEADER)\\\")\""
  [polars]="$PY -c \"import polars as pl; pl.scan_csv('$IN').sink_csv('$OUT/polars.csv')\""
)
TOOLS=(floor frontline duckdb polars)
RESULTS="$OUT/times.tsv"
: > "$RESULTS"
cd "$BENCH_DIR"   # no data/ folder here: frontline converts without reference data
for round in $(seq "$ROUNDS"); do
  for tool in "${TOOLS[@]}"; do
    /usr/bin/time -f "%e %M" -o "$OUT/time" bash -c "${CMD[$tool]}" >/dev/null 2>&1
    read -r secs kb < "$OUT/time"
    printf '%s\t%s\t%s\t%s\n' "$round" "$tool" "$secs" "$kb" >> "$RESULTS"
  done
done
python3 - "$RESULTS" <<'PY'
import statistics, sys
rows = [l.split('\t') for l in open(sys.argv[1]).read().split('\n') if l]
by = {}
for r, tool, s, kb in rows:
    by.setdefault(tool, {})[r] = (float(s), int(kb))
floor = by['floor']
print(f"{'tool':10} {'median s':>9} {'x floor':>8} {'peak MiB':>9}")
for tool, runs in by.items():
    secs = statistics.median(v[0] for v in runs.values())
    ratio = statistics.median(runs[r][0] / floor[r][0] for r in runs)
    mib = max(v[1] for v in runs.values()) / 1024
    print(f"{tool:10} {secs:9.2f} {ratio:8.2f} {mib:9.0f}")
PY

#!/usr/bin/env bash
# A repeated query over unchanged data: frontline with its index cache warm against the
# benchmark's Rust floor (which reads the whole CSV every time), same bbox + dates, same
# GeoJSON output, interleaved in one loop. Prints medians and frontline/floor (target < 0.1).
#
#   scripts/repeat_query.sh                 9 rounds on $BENCH_DIR/events_1000000.csv
#   RUNS=15 INPUT=/tmp/bench/events_100000.csv scripts/repeat_query.sh
#   COLD=1 scripts/repeat_query.sh          the same with --no-cache (every run reads the CSV)
#
# The query selects about 1% of the 1M-row benchmark file (the count is printed): the box
# around Ain Zara below, October 2019, on the recorded day (--dates recorded, as the floor
# compares event_date). Override with BBOX=W,S,E,N FROM=… TO=….
# BENCH_DIR (/tmp/bench) holds the data, the floor binary (built by the harness's setup.sh)
# and the outputs; BENCH_HOME (../shared/bench beside this repo) is used only to build the
# floor when it is missing. Wall time is perf_counter around each process; CPU and peak RSS
# come from /usr/bin/time. Runs in $BENCH_DIR (see scripts/bench.sh for why, and for
# FRONTLINE=path, which times that binary instead of building one).
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
export BENCH_DIR=${BENCH_DIR:-/tmp/bench}
BENCH_HOME=${BENCH_HOME:-$REPO/../shared/bench}
export INPUT=${INPUT:-$BENCH_DIR/events_1000000.csv}
export RUNS=${RUNS:-9} BBOX=${BBOX:-13.20005,32.75005,13.30005,32.83005}
export FROM=${FROM:-2019-10-01} TO=${TO:-2019-10-31} COLD=${COLD:-0}
export FLOOR=${FLOOR_BIN:-$BENCH_DIR/floor-target/release/floor}
[ -x "$FLOOR" ] || CARGO_TARGET_DIR="$BENCH_DIR/floor-target" \
  cargo build --release --quiet --manifest-path "$BENCH_HOME/floor/Cargo.toml"

mkdir -p "$BENCH_DIR/bin" "$BENCH_DIR/out/repeat"
if [ -n "${FRONTLINE:-}" ]; then
  T=$(realpath "$FRONTLINE")
else
  cargo build --release --quiet --manifest-path "$REPO/Cargo.toml"
  T="$BENCH_DIR/bin/frontline-$(git -C "$REPO" describe --always --dirty)"
  cp "$REPO/target/release/frontline" "$T"
fi
export T
cd "$BENCH_DIR"

exec python3 - <<'EOF'
import json, os, statistics, subprocess, sys, time

e = os.environ
out = os.path.join(e["BENCH_DIR"], "out", "repeat")
(w, s, east, n), cold = e["BBOX"].split(","), e["COLD"] == "1"
cmds = {
    "floor": [e["FLOOR"], "bbox", e["INPUT"], out + "/floor.geojson", w, s, east, n, e["FROM"], e["TO"]],
    "frontline": [e["T"], "query", "--data", e["INPUT"], "--bbox", e["BBOX"], "--from", e["FROM"],
                  "--to", e["TO"], "--dates", "recorded", "--format", "geojson",
                  "-o", out + "/frontline.geojson"] + (["--no-cache"] if cold else []),
}

def run(cmd):
    tf = out + "/time.txt"
    t0 = time.perf_counter()
    p = subprocess.run(["/usr/bin/time", "-f", "%M %U %S", "-o", tf] + cmd,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - t0
    if p.returncode != 0:
        sys.exit("%s failed (%d): %s" % (cmd[0], p.returncode, p.stderr[-500:]))
    rss, user, sys_ = open(tf).read().split()[-3:]
    return wall, float(user) + float(sys_), int(rss) / 1024, p.stderr.strip()

subprocess.run(["cat", e["INPUT"]], stdout=subprocess.DEVNULL)  # page cache
for name, cmd in cmds.items():  # warm-up, untimed: builds frontline's index cache
    run(cmd)
print("frontline %s\ninput %s; query bbox %s, %s..%s (recorded day); %s rounds, %s" % (
    e["T"], e["INPUT"], e["BBOX"], e["FROM"], e["TO"], e["RUNS"],
    "cold (--no-cache)" if cold else "frontline's index cache warm"))
samples = {k: [] for k in cmds}
for rnd in range(int(e["RUNS"])):
    # alternate who goes first, so neither always follows the other's writeback
    for name in (list(cmds) if rnd % 2 else list(cmds)[::-1]):
        samples[name].append(run(cmds[name]))
print("frontline says: %s" % samples["frontline"][-1][3].splitlines()[-1])

ids = {}
for name in cmds:
    with open(out + "/%s.geojson" % name, encoding="utf-8") as f:
        ids[name] = sorted(ft["properties"]["event_id_cnty"] for ft in json.load(f)["features"])
same = "same %d events in both outputs" % len(ids["floor"]) if ids["floor"] == ids["frontline"] \
    else "OUTPUTS DIFFER: floor %d events, frontline %d" % (len(ids["floor"]), len(ids["frontline"]))
print(same)

med = lambda v: statistics.median(v)
print("\n| tool | wall s (median) | min-max | CPU s | peak RSS MiB |")
print("|---|---:|---:|---:|---:|")
for name, v in samples.items():
    walls = [x[0] for x in v]
    print("| %s | %.3f | %.3f-%.3f | %.3f | %.0f |" % (
        name, med(walls), min(walls), max(walls), med([x[1] for x in v]), max(x[2] for x in v)))
ratios = [a[0] / b[0] for a, b in zip(samples["frontline"], samples["floor"])]
cpu = [a[1] / b[1] for a, b in zip(samples["frontline"], samples["floor"]) if b[1]]
print("\nfrontline / floor, wall: %.3f (median of same-round ratios; range %.3f-%.3f), CPU: %.3f; target < 0.1: %s" % (
    med(ratios), min(ratios), max(ratios), med(cpu), "met" if med(ratios) < 0.1 else "NOT met"))
EOF

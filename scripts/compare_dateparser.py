#!/usr/bin/env python3
"""Compare frontline's date resolution with Python's dateparser on the same expressions.

Reads tests/fixtures/dates.tsv (expression, published, lang, date_start, date_end; the
expected intervals worked out by hand) and, for each row, asks

  * dateparser.parse(expr, settings={'RELATIVE_BASE': published,
    'PREFER_DATES_FROM': 'past'}, languages=[lang])
  * target/release/frontline date EXPR --published PUBLISHED --lang LANG --format json

then prints per language how many each resolved exactly.

Scoring: frontline is exact when its date_start and date_end both equal the expected
ones. dateparser returns one datetime, never an interval, so its answer is counted as
exact when its date equals date_start for a single expected day, or falls anywhere
within [date_start, date_end] for an expected interval (a month, a week, a range) -
a lenient reading in dateparser's favour.

Installs nothing: run `pip install dateparser` and `cargo build --release` first.
Usage: python3 scripts/compare_dateparser.py [--fixture PATH] [--binary PATH] [--misses]
"""

import argparse
import csv
import datetime as dt
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def read_rows(path):
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [row for row in reader if row.get("expression")]


def publication_base(published):
    """The publication time as a naive datetime in the publisher's zone (dateparser's
    RELATIVE_BASE has no zone)."""
    text = published.strip()
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        moment = dt.datetime.fromisoformat(text[:10])
    return moment.replace(tzinfo=None)


def ask_dateparser(dateparser, row):
    base = publication_base(row["published"])
    settings = {"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"}
    try:
        found = dateparser.parse(row["expression"], settings=settings, languages=[row["lang"]])
    except Exception as e:  # dateparser raises on some inputs; that is a miss, not a crash
        return None, f"error: {e}"
    if found is None:
        return None, "none"
    return found.date(), found.date().isoformat()


def ask_frontline(binary, row):
    args = [binary, "date", row["expression"], "--published", row["published"],
            "--lang", row["lang"], "--format", "json"]
    done = subprocess.run(args, capture_output=True, text=True, encoding="utf-8")
    if done.returncode != 0:
        return None, None, done.stderr.strip()
    answer = json.loads(done.stdout)
    return answer["date_start"], answer["date_end"], f"{answer['date_start']}/{answer['date_end']}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fixture", default=os.path.join(ROOT, "tests", "fixtures", "dates.tsv"))
    parser.add_argument("--binary", default=os.path.join(ROOT, "target", "release", "frontline"))
    parser.add_argument("--misses", action="store_true", help="list every expression either tool got wrong")
    args = parser.parse_args()

    try:
        import dateparser
    except ImportError:
        sys.exit("dateparser is not installed: pip install dateparser")
    if not os.path.exists(args.binary):
        sys.exit(f"{args.binary} not found: cargo build --release")

    rows = read_rows(args.fixture)
    totals = {}
    misses = []
    for row in rows:
        start = dt.date.fromisoformat(row["date_start"])
        end = dt.date.fromisoformat(row["date_end"])
        dp_date, dp_text = ask_dateparser(dateparser, row)
        if start == end:
            dp_ok = dp_date == start
        else:
            dp_ok = dp_date is not None and start <= dp_date <= end
        fl_start, fl_end, fl_text = ask_frontline(args.binary, row)
        fl_ok = fl_start == row["date_start"] and fl_end == row["date_end"]
        t = totals.setdefault(row["lang"], {"rows": 0, "dateparser": 0, "frontline": 0})
        t["rows"] += 1
        t["dateparser"] += dp_ok
        t["frontline"] += fl_ok
        if not (dp_ok and fl_ok):
            misses.append((row, dp_ok, dp_text, fl_ok, fl_text))

    print(f"dateparser {getattr(dateparser, '__version__', '?')} vs frontline on {os.path.relpath(args.fixture, ROOT)}")
    print("exact = frontline: date_start and date_end both right; dateparser (one date, no")
    print("        intervals): its date equals date_start for a single day, or falls within")
    print("        [date_start, date_end] for an interval.")
    print()
    print(f"{'lang':<6}{'rows':>6}{'dateparser exact':>20}{'frontline exact':>20}")
    all_rows = all_dp = all_fl = 0
    for lang in sorted(totals):
        t = totals[lang]
        all_rows += t["rows"]
        all_dp += t["dateparser"]
        all_fl += t["frontline"]
        print(f"{lang:<6}{t['rows']:>6}{fmt(t['dateparser'], t['rows']):>20}{fmt(t['frontline'], t['rows']):>20}")
    print(f"{'all':<6}{all_rows:>6}{fmt(all_dp, all_rows):>20}{fmt(all_fl, all_rows):>20}")
    if args.misses:
        print()
        for row, dp_ok, dp_text, fl_ok, fl_text in misses:
            want = row["date_start"] if row["date_start"] == row["date_end"] else f"{row['date_start']}/{row['date_end']}"
            print(f"[{row['lang']}] {row['expression']!r} ({row['published']}) want {want}: "
                  f"dateparser {'ok' if dp_ok else 'MISS'} {dp_text}; frontline {'ok' if fl_ok else 'MISS'} {fl_text}")


def fmt(n, total):
    return f"{n}/{total} ({100.0 * n / total:.0f}%)" if total else "-"


if __name__ == "__main__":
    main()

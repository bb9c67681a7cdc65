#!/usr/bin/env python3
"""Score `route-sim extract` and `route-sim sightings` against a labelled passage set.

Usage (from the repository root, after `cargo build --release`):

    python3 tests/extract_sets/score.py dev                 # passages in /work/textsets/dev
    python3 tests/extract_sets/score.py test --passages DIR
    python3 tests/extract_sets/score.py test2               # second held-out set: figures only, like test
    python3 tests/extract_sets/score.py test3               # third held-out set: figures only, like test
    python3 tests/extract_sets/score.py test4               # fourth held-out set (session 5): figures only, like test
    python3 tests/extract_sets/score.py test5               # fifth held-out set (session 6): figures only, like test
    python3 tests/extract_sets/score.py test6               # sixth held-out set (session 7): figures only, like test
    python3 tests/extract_sets/score.py test7               # seventh held-out set (session 8): figures only, like test
    python3 tests/extract_sets/score.py dev --errors        # list every miss and false hit (development sets only)
    python3 tests/extract_sets/score.py dev2 --errors       # second development set (passages in /work/textsets/dev2)
    python3 tests/extract_sets/score.py dev3 --errors       # third development set (passages in /work/textsets/dev3)
    python3 tests/extract_sets/score.py dev4 --errors       # fourth development set (passages in /work/textsets/dev4)
    python3 tests/extract_sets/score.py dev5 --errors       # fifth development set, session 7 (passages in /work/textsets/dev5)
    python3 tests/extract_sets/score.py dev6 --errors       # sixth development set, session 8, English-weighted (passages in /work/textsets/dev6)

Any `<set>.manifest.csv` in this directory is a set; a name starting with `test` is held out.

The passage texts live outside the repository (we do not commit others' sentences); this script
reads them from the passages directory, one `<passage_id>.txt` per passage: `outlet:`, `title:`,
`date:`, `url:` lines, a blank line, then the passage (one paragraph per line).

How a place match is counted
----------------------------
* Gold: the rows of `<set>.labels.csv` whose kind is `town`. Rows of kind `admin` (a state,
  department or country) and `other` (a building, neighbourhood, road, person or outlet whose
  name contains a place name) are not places to find: naming them as a town is a false hit.
* A prediction is one (passage, line, place) taken from `route-sim extract --format csv`: every
  line number in its `lines` column gives one prediction. Lines of the file header (`outlet:` ...
  `url:` and the blank line) are ignored, in the predictions and in the gold.
* The place is identified by gazetteer name + admin1 (state/department) + country code. The
  binary's CSV gives `name`; admin1 and country code are taken from its `admin1`/`country_code`
  columns when it has them, otherwise from the row of `data/towns.csv` with the CSV's `id`.
* Precision = predictions that equal a gold town at the same passage and line / all predictions.
  Recall = gold towns found / gold towns that the gazetteer has (same name, admin1 and country in
  `data/towns.csv`); gold towns the gazetteer lacks are counted separately, since no extractor
  could return them. Several mentions of one place on one line count once.
* "Per passage" figures repeat the count on (passage, place) pairs, ignoring lines.

How a sighting match is counted
-------------------------------
* Gold: `<set>.sightings.csv`, one row per sentence that places a caravan or named group at a
  place on a day; a prediction is a row of `route-sim sightings --format csv`.
* A sighting matches when passage, date (exactly) and place (name + admin1 + country, admin1 and
  country only when the output has those columns) are equal. Kind, headcount and line are not
  compared (they are reported as agreement rates on the matched pairs). Duplicates collapse.
* If the binary has no `sightings` subcommand, only places are scored.
"""

import argparse
import collections
import csv
import io
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
# Every `<set>.manifest.csv` beside this script is a set, so a new set needs no edit here.
SETS = sorted(p.name[: -len(".manifest.csv")] for p in HERE.glob("*.manifest.csv"))
# Held-out sets (names starting `test`): for measuring only. `--errors` and `--missing` are refused for them.
HELD_OUT = tuple(s for s in SETS if s.startswith("test"))
# Development sets (all others): tune on them; `--errors` and `--missing` are allowed.
DEVELOPMENT = tuple(s for s in SETS if not s.startswith("test"))


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def body_start(path):
    """1-based number of the first passage line (after the header and its blank line)."""
    with open(path, encoding="utf-8") as f:
        for i, line in enumerate(f, 1):
            if not line.strip():
                return i + 1
    return 1


def key(name, admin1, cc):
    return (name.strip(), admin1.strip(), cc.strip().upper())


def load_gazetteer(path):
    by_id, places = {}, set()
    for r in read_csv(path):
        k = key(r["name"], r["admin1"], r["country_code"])
        by_id[r["id"]] = k
        places.add(k)
    return by_id, places


def run(binary, args):
    try:
        p = subprocess.run([binary, *args], capture_output=True, text=True)
    except FileNotFoundError:
        sys.exit(f"score.py: no binary at {binary}; run `cargo build --release` first")
    return p


def first(row, *names):
    for n in names:
        if n in row and row[n] is not None:
            return row[n]
    return None


def predicted_places(binary, files, by_id, starts):
    p = run(binary, ["extract", "--format", "csv", *map(str, files)])
    if p.returncode != 0:
        sys.exit(f"score.py: `route-sim extract` failed ({p.returncode}):\n{p.stderr}")
    preds = set()
    for r in csv.DictReader(io.StringIO(p.stdout)):
        pid = Path(r["file"]).stem
        admin1 = first(r, "admin1", "state")
        cc = first(r, "country_code")
        if admin1 is None or cc is None:
            if r.get("id") not in by_id:
                sys.exit(f"score.py: extract output row has no admin1 and an unknown id: {r}")
            k = by_id[r["id"]]
        else:
            k = key(r["name"], admin1, cc)
        for line in re.findall(r"\d+", r.get("lines", "")):
            if int(line) >= starts[pid]:
                preds.add((pid, int(line), *k))
    return preds


def predicted_sightings(binary, files):
    """Rows of `route-sim sightings --format csv`, or None when the binary has no such command."""
    p = run(binary, ["sightings", "--format", "csv", *map(str, files)])
    if p.returncode != 0:
        text = (p.stderr + p.stdout).lower()
        if "unrecognized subcommand" in text or "unexpected argument" in text or "invalid value" in text:
            return None
        sys.exit(f"score.py: `route-sim sightings` failed ({p.returncode}):\n{p.stderr}")
    return list(csv.DictReader(io.StringIO(p.stdout)))


def ratio(a, b):
    return f"{a / b:.3f}" if b else "  n/a"


def place_table(lang_of, gold_rows, preds, gazetteer, errors):
    gold_all = {(r["passage_id"], int(r["line"]), *key(r["place_name"], r["admin1"], r["country_code"]))
                for r in gold_rows if r["kind"] == "town"}
    surfaces = collections.defaultdict(list)
    for r in gold_rows:
        if r["line"]:
            surfaces[(r["passage_id"], int(r["line"]))].append(f'{r["surface"]}={r["kind"]}')
    in_gaz = {g for g in gold_all if g[2:] in gazetteer}
    print("places (line level: passage + line + gazetteer name/admin1/country)")
    print(f"  {'lang':<5} {'pred':>5} {'TP':>5} {'prec':>6}   {'gold*':>5} {'found':>5} {'recall':>6}   "
          f"{'missing from gazetteer':>22}")
    for lang in ["en", "es", "all"]:
        sel = (lambda t: lang == "all" or lang_of[t[0]] == lang)
        P = {p for p in preds if sel(p)}
        G = {g for g in in_gaz if sel(g)}
        tp = len(P & gold_all)
        found = len(P & G)
        lacking = len({g for g in gold_all if sel(g)} - G)
        print(f"  {lang:<5} {len(P):>5} {tp:>5} {ratio(tp, len(P)):>6}   {len(G):>5} {found:>5} "
              f"{ratio(found, len(G)):>6}   {lacking:>22}")
    print("  (gold* = gold town mentions the gazetteer has; missing = gold town mentions it lacks)")
    print("places (per passage: passage + gazetteer name/admin1/country, lines ignored)")
    for lang in ["en", "es", "all"]:
        sel = (lambda t: lang == "all" or lang_of[t[0]] == lang)
        P = {(p[0], *p[2:]) for p in preds if sel(p)}
        GA = {(g[0], *g[2:]) for g in gold_all if sel(g)}
        G = {(g[0], *g[2:]) for g in in_gaz if sel(g)}
        tp = len(P & GA)
        print(f"  {lang:<5} precision {ratio(tp, len(P))} ({tp}/{len(P)})  recall {ratio(len(P & G), len(G))} "
              f"({len(P & G)}/{len(G)})")
    if errors:
        print("\nfalse hits (predicted; gold labels on that line in brackets):")
        for p in sorted(preds - gold_all):
            print(f"  {p[0]} line {p[1]}: {p[2]}, {p[3]}, {p[4]}  [{'; '.join(surfaces.get(p[:2], []))}]")
        print("misses (gold town in the gazetteer, not predicted):")
        for g in sorted(in_gaz - preds):
            print(f"  {g[0]} line {g[1]}: {g[2]}, {g[3]}, {g[4]}  [{'; '.join(surfaces.get(g[:2], []))}]")


def sighting_table(lang_of, gold_rows, pred_rows, gazetteer, starts, errors):
    if pred_rows is None:
        print("sightings: this binary has no `sightings` subcommand; only places were scored")
        return
    with_admin = bool(pred_rows) and first(pred_rows[0], "admin1", "state") is not None
    with_cc = bool(pred_rows) and first(pred_rows[0], "country_code") is not None

    def k(pid, date, name, admin1, cc):
        return (pid, date.strip(), name.strip(), admin1.strip() if with_admin else "",
                cc.strip().upper() if with_cc else "")

    gold = {}
    for r in gold_rows:
        gold.setdefault(k(r["passage_id"], r["date"], r["place_name"], r["admin1"], r["country_code"]), r)
    preds = {}
    for r in pred_rows:
        pid = Path(r["file"]).stem
        kk = k(pid, r["date"], first(r, "place", "place_name") or "",
               first(r, "admin1", "state") or "", first(r, "country_code") or "")
        preds.setdefault(kk, r)
    print("sightings (passage + exact date + place" + (" + admin1" if with_admin else "")
          + (" + country" if with_cc else "") + ")")
    for lang in ["en", "es", "all"]:
        P = {p for p in preds if lang == "all" or lang_of.get(p[0]) == lang}
        G = {g for g in gold if lang == "all" or lang_of.get(g[0]) == lang}
        tp = P & G
        same_kind = sum(1 for t in tp if preds[t].get("kind") == gold[t]["kind"])
        print(f"  {lang:<5} precision {ratio(len(tp), len(P))} ({len(tp)}/{len(P)})  recall "
              f"{ratio(len(tp), len(G))} ({len(tp)}/{len(G)})  same kind on matches {same_kind}/{len(tp)}")
    ingaz = {g for g in gold if key(g[2], gold[g]["admin1"], gold[g]["country_code"]) in gazetteer}
    print(f"  recall on gold sightings whose place the gazetteer has: "
          f"{ratio(len(set(preds) & ingaz), len(ingaz))} ({len(set(preds) & ingaz)}/{len(ingaz)})")
    if errors:
        print("\nsighting false hits:")
        for p in sorted(set(preds) - set(gold)):
            print(f"  {p[0]} line {preds[p].get('line', '?')}: {p[1]} {p[2]} {p[3]} {preds[p].get('kind', '')}")
        print("sighting misses:")
        for g in sorted(set(gold) - set(preds)):
            print(f"  {g[0]} line {gold[g]['line']}: {g[1]} {g[2]} {g[3]} {gold[g]['kind']}")


def main():
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # `score.py dev | head` ends quietly
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("set", choices=[*DEVELOPMENT, *HELD_OUT])
    ap.add_argument("--passages", type=Path, help="passage directory (default /work/textsets/<set>)")
    ap.add_argument("--binary", type=Path, default=REPO / "target" / "release" / "route-sim")
    ap.add_argument("--towns", type=Path, default=REPO / "data" / "towns.csv",
                    help="the gazetteer the binary was built with (for admin1 by id and 'gazetteer has it')")
    ap.add_argument("--errors", action="store_true", help="list false hits and misses (development sets only)")
    ap.add_argument("--missing", action="store_true",
                    help="list the gold towns the gazetteer lacks, then stop (development sets only)")
    a = ap.parse_args()
    if (a.errors or a.missing) and a.set in HELD_OUT:
        sys.exit(f"score.py: --errors and --missing are for the development set; the {a.set} set is for measuring only")
    passages = a.passages or Path("/work/textsets") / a.set
    manifest = read_csv(HERE / f"{a.set}.manifest.csv")
    lang_of = {r["passage_id"]: r["language"] for r in manifest}
    files = [passages / f"{pid}.txt" for pid in lang_of]
    absent = [str(f) for f in files if not f.exists()]
    if absent:
        sys.exit(f"score.py: {len(absent)} passage files missing, e.g. {absent[0]}")
    starts = {f.stem: body_start(f) for f in files}
    by_id, gazetteer = load_gazetteer(a.towns)
    if a.missing:
        gold_rows = read_csv(HERE / f"{a.set}.labels.csv")
        lacking = collections.Counter(key(r["place_name"], r["admin1"], r["country_code"]) for r in gold_rows
                                      if r["kind"] == "town"
                                      and key(r["place_name"], r["admin1"], r["country_code"]) not in gazetteer)
        for (name, admin1, cc), n in sorted(lacking.items()):
            print(f"{name}, {admin1}, {cc}: {n} mention{'s' if n > 1 else ''}")
        return
    counts = collections.Counter(r["language"] for r in manifest)
    print(f"set {a.set}: {len(files)} passages ({counts['en']} English, {counts['es']} Spanish), "
          f"binary {a.binary}")
    preds = predicted_places(a.binary, files, by_id, starts)
    gold_rows = read_csv(HERE / f"{a.set}.labels.csv")
    place_table(lang_of, gold_rows, preds, gazetteer, a.errors)
    print()
    sighting_table(lang_of, read_csv(HERE / f"{a.set}.sightings.csv"),
                   predicted_sightings(a.binary, files), gazetteer, starts, a.errors)


if __name__ == "__main__":
    main()

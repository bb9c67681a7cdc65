#!/usr/bin/env python3
"""Agreement of two annotators' place labels on a passage set (issue 12: how much label noise there is).

Usage (from the repository root):

    python3 tests/extract_sets/agreement.py test8                     # test8.labels_b.csv against test8.labels_a.csv
    python3 tests/extract_sets/agreement.py test8 --a FILE --b FILE   # any two label files of the set
    python3 tests/extract_sets/agreement.py test8 --list              # plus every line where the two differ

The second annotator's (B's) `town` rows are scored as if they were an extractor's predictions against
the first annotator's (A's) labels as gold, with score.py's own functions: a B town is one (passage,
line, gazetteer name + admin1 + country); precision counts every B town, recall the A towns the
gazetteer (`data/towns.csv`) has, and several mentions of a place on one line count once. Only the
passages B labelled are compared. A second recall line counts every A town, the ones the gazetteer
lacks included (those are labels too, though no extractor can return them).

A further table repeats the count over every row (towns and admin rows by place, `other` rows by
their surface), so that differences of kind and of `other` rows show too.

This reads labels only: it never runs `route-sim`. On a held-out set `--list` prints label rows, which
whoever tunes the extractor must not read: it is for the annotators and the lead.
"""

import argparse
import collections
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from score import REPO, key, load_gazetteer, place_table, ratio, read_csv  # noqa: E402


def town_keys(rows):
    """(passage, line, name, admin1, cc) of every `town` row, as score.py keys gold towns."""
    return {(r["passage_id"], int(r["line"]), *key(r["place_name"], r["admin1"], r["country_code"]))
            for r in rows if r["kind"] == "town"}


def all_keys(rows):
    """Every labelled row: towns and admin rows by place, `other` rows by their surface (case-folded)."""
    return {(r["passage_id"], int(r["line"]), r["kind"],
             *(key(r["place_name"], r["admin1"], r["country_code"]) if r["kind"] != "other" else (r["surface"].casefold(),)))
            for r in rows if r["line"]}


def lines_labels(rows):
    by_line = collections.defaultdict(list)
    for r in rows:
        if r["line"]:
            where = r["place_name"] + (f', {r["admin1"]}' if r["admin1"] and r["admin1"] != r["place_name"] else "")
            by_line[(r["passage_id"], int(r["line"]))].append(
                f'{r["surface"]}={r["kind"]}' + (f" ({where}, {r['country_code']})" if r["kind"] == "town" else ""))
    return by_line


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("set", help="set name, e.g. test8")
    ap.add_argument("--a", type=Path, help="first annotator's labels (default <set>.labels_a.csv)")
    ap.add_argument("--b", type=Path, help="second annotator's labels (default <set>.labels_b.csv)")
    ap.add_argument("--towns", type=Path, default=REPO / "data" / "towns.csv")
    ap.add_argument("--list", action="store_true", help="list every line where the towns differ, then every other row that differs")
    a = ap.parse_args()
    rows_a = read_csv(a.a or HERE / f"{a.set}.labels_a.csv")
    rows_b = read_csv(a.b or HERE / f"{a.set}.labels_b.csv")
    manifest = read_csv(HERE / f"{a.set}.manifest.csv")
    lang_of = {r["passage_id"]: r["language"] for r in manifest}
    both = {r["passage_id"] for r in rows_b}
    unknown = sorted(both - set(lang_of))
    if unknown:
        sys.exit(f"agreement.py: passages of B not in {a.set}.manifest.csv: {unknown}")
    rows_a = [r for r in rows_a if r["passage_id"] in both]
    counts = collections.Counter(lang_of[p] for p in both)
    print(f"set {a.set}: {len(both)} passages labelled by both ({counts['en']} English, {counts['es']} Spanish); "
          f"B's towns scored against A's as score.py scores an extractor against gold")
    _, gazetteer = load_gazetteer(a.towns)
    tb, ta = town_keys(rows_b), town_keys(rows_a)
    place_table(lang_of, rows_a, tb, gazetteer, errors=False)
    print("recall over every A town (those the gazetteer lacks included)")
    for lang in ["en", "es", "all"]:
        sel = (lambda t: lang == "all" or lang_of[t[0]] == lang)
        A, B = {t for t in ta if sel(t)}, {t for t in tb if sel(t)}
        print(f"  {lang:<5} recall {ratio(len(A & B), len(A))} ({len(A & B)}/{len(A)})  "
              f"precision {ratio(len(A & B), len(B))} ({len(A & B)}/{len(B)})")
    print("every row, all kinds (town and admin by place, other by surface; repeats of a place on a line count once)")
    ka, kb = all_keys(rows_a), all_keys(rows_b)
    for lang in ["en", "es", "all"]:
        sel = (lambda t: lang == "all" or lang_of[t[0]] == lang)
        A, B = {t for t in ka if sel(t)}, {t for t in kb if sel(t)}
        print(f"  {lang:<5} recall {ratio(len(A & B), len(A))} ({len(A & B)}/{len(A)})  "
              f"precision {ratio(len(A & B), len(B))} ({len(A & B)}/{len(B)})")
    if a.list:
        la, lb = lines_labels(rows_a), lines_labels(rows_b)
        print("\nlines where the towns differ (A's and B's labels on the line):")
        for pl in sorted({t[:2] for t in ta ^ tb}):
            only_a = sorted(t[2:] for t in ta - tb if t[:2] == pl)
            only_b = sorted(t[2:] for t in tb - ta if t[:2] == pl)
            print(f"  {pl[0]} line {pl[1]}: only A {only_a}  only B {only_b}")
            print(f"      A: {'; '.join(la.get(pl, []))}")
            print(f"      B: {'; '.join(lb.get(pl, []))}")
        print("\nother rows that differ (admin, other; by place or surface):")
        for t in sorted(ka ^ kb):
            print(f"  {t[0]} line {t[1]}: only {'A' if t in ka else 'B'} {t[2]} {t[3:]}")


if __name__ == "__main__":
    main()

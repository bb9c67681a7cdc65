#!/usr/bin/env python3
"""Text shared between development and held-out passages (issue 12: no leak from tuning into measuring).

Usage (from the repository root; the texts live outside the repository):

    python3 tests/extract_sets/overlap.py                       # texts in /work/textsets/<set>/
    python3 tests/extract_sets/overlap.py --texts DIR --min 0.2

For every pair of a development passage and a held-out passage, prints the share of the smaller
passage's 8-word shingles (lower-cased word 8-grams) that the other passage also has, when it is at
least `--min`. A second copy of an agency story scores high even when outlets trim or reorder it;
two stories of the same event in different words score near 0. Exits 1 if any pair is printed, so
a builder can run it before landing a set.
"""

import argparse
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from score import DEVELOPMENT, HELD_OUT  # noqa: E402

SHINGLE_WORDS = 8


def shingles(path):
    """Word 8-grams of a passage's body (the text after the header's blank line)."""
    text = path.read_text(encoding="utf-8").split("\n\n", 1)
    words = re.findall(r"\w+", text[1].lower()) if len(text) > 1 else []
    return {tuple(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}


def load(texts, sets):
    return {p.stem: s for name in sets for p in sorted((texts / name).glob("*.txt")) if (s := shingles(p))}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--texts", type=Path, default=Path("/work/textsets"), help="folder holding one folder of texts per set")
    ap.add_argument("--min", type=float, default=0.1, help="smallest shared share to print (default 0.1)")
    a = ap.parse_args()
    dev, held = load(a.texts, DEVELOPMENT), load(a.texts, HELD_OUT)
    if not dev or not held:
        sys.exit(f"overlap.py: no passage texts under {a.texts}")
    pairs = []
    for d, ds in dev.items():
        for h, hs in held.items():
            share = len(ds & hs) / min(len(ds), len(hs))
            if share >= a.min:
                pairs.append((share, d, h))
    for share, d, h in sorted(pairs, reverse=True):
        print(f"{d}\t{h}\t{share:.2f}")
    print(f"{len(dev)} development and {len(held)} held-out passages; {len(pairs)} pairs share at least {a.min}", file=sys.stderr)
    sys.exit(1 if pairs else 0)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Rewrite README's backtest table (between the backtest-table markers) from a
backtest-summary.csv written by `route-sim backtest`.

    route-sim backtest --out out/backtest && python3 docs/backtest_table.py out/backtest/backtest-summary.csv
"""
import csv
import pathlib
import sys

HORIZONS = ["1", "2", "3", "5", "7", "10", "14", "all"]


def table(summary_path):
    rows = {(r["method"], r["horizon_days"]): r for r in csv.DictReader(open(summary_path))}
    out = [
        "| horizon | n | model median / mean km | model P10–P90 coverage | model CRPS km "
        "| pace48 median / mean km | stay median / mean km | model median ÷ pace48 |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for h in HORIZONS:
        m, p, s = rows[("model", h)], rows[("pace48", h)], rows[("stay", h)]
        ratio = float(m["median_abs_km"]) / float(p["median_abs_km"])
        out.append(
            f"| {h} | {m['n']} | {float(m['median_abs_km']):.1f} / {float(m['mean_abs_km']):.1f} "
            f"| {float(m['coverage_p10_p90']):.0%} | {float(m['crps_km']):.1f} "
            f"| {float(p['median_abs_km']):.1f} / {float(p['mean_abs_km']):.1f} "
            f"| {float(s['median_abs_km']):.1f} / {float(s['mean_abs_km']):.1f} | {ratio:.2f} |"
        )
    return "\n".join(out)


def main():
    readme = pathlib.Path(__file__).resolve().parent.parent / "README.md"
    text = readme.read_text()
    start, end = "<!-- backtest-table -->\n", "<!-- /backtest-table -->"
    i, j = text.index(start) + len(start), text.index(end)
    readme.write_text(text[:i] + table(sys.argv[1]) + "\n" + text[j:])


if __name__ == "__main__":
    main()

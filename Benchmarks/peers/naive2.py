#!/usr/bin/env python3
"""Naive2 reference forecast (= last observed value for yearly data, m = 1).

Usage: python3 Benchmarks/peers/naive2.py TRAIN.csv OUT.csv [H]

Writes `series_id,t,model,mean,lo80,hi80,lo95,hi95` with model "naive2".
Intervals are the random-walk ones (as forecast::naive): mean +- z * sigma * sqrt(h),
sigma = RMS of the in-sample one-step differences. Used to check score.py
(must give sMAPE 17.88 / MASE 3.172 / OWA 1.000 on M3 yearly). Standard library only.
"""
import csv
import math
import sys
from collections import defaultdict

Z80, Z95 = 1.2815515655446004, 1.959963984540054


def main():
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__)
    train, out = sys.argv[1], sys.argv[2]
    h = int(sys.argv[3]) if len(sys.argv) == 4 else 6
    series = defaultdict(list)
    with open(train, newline="") as fh:
        for row in csv.DictReader(fh):
            series[row["series_id"]].append((int(float(row["t"])), float(row["value"])))
    with open(out, "w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["series_id", "t", "model", "mean", "lo80", "hi80", "lo95", "hi95"])
        for sid, rows in series.items():
            rows.sort()
            x = [v for _, v in rows]
            d = [b - a for a, b in zip(x, x[1:])]
            sigma = math.sqrt(sum(e * e for e in d) / len(d)) if d else 0.0
            last_t, last = rows[-1]
            for k in range(1, h + 1):
                s = sigma * math.sqrt(k)
                w.writerow([sid, last_t + k, "naive2", repr(last),
                            repr(last - Z80 * s), repr(last + Z80 * s),
                            repr(last - Z95 * s), repr(last + Z95 * s)])


if __name__ == "__main__":
    main()

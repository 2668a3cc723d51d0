#!/usr/bin/env python3
"""How the settings of `plancast forecast --model auto` (Sources/Forecasting/AnnualForecaster.swift)
were chosen: on the M3 yearly TRAINING data only, with the last 6 points of every training series
held out ("the tuning split"). The test file (yearly_test.csv) is never read here.

Usage:  python3 Benchmarks/tune_annual.py [--quick]      (numpy + scipy; about a minute)

Issue 15 added a trend scale and changed the interval settings (naive target, first origin, a cap on
relative errors); those choices, made on the M3 and M1 training data, are in
Benchmarks/tune_annual_cross.py. Steps 1 and 2 below still hold (the members and φ); step 3 is the
record of the intervals before issue 15.

1. Point forecast: 13 simple methods; every mean of 1 to 4 of them ranked by OWA on the split.
2. The damping φ of the damped-trend member of the chosen combination.
3. Intervals: rolling-origin errors of the chosen combination inside each split-training series;
   first origin, p (error growth h^p), the weight of the naive scale, Student-t ν and the multiplier c,
   chosen by the interval score at 80% plus MSIS at 95% (proper scores: their minimum is at the
   true quantiles).
"""
import csv
import itertools
import sys
from collections import defaultdict

import numpy as np
from scipy.stats import t as student_t

H = 6
TRAIN = "Tests/Data/m3/yearly_train.csv"


def load(path):
    d = defaultdict(list)
    with open(path, newline="") as fh:
        for r in csv.DictReader(fh):
            d[r["series_id"]].append((int(r["t"]), float(r["value"])))
    return {k: np.array([v for _, v in sorted(x)]) for k, x in d.items()}


train = load(TRAIN)
SPLIT = [(x[:-H], x[-H:]) for _, x in sorted(train.items())]   # (fit on, score on)


# ---------------------------------------------------------------- methods (as in the Swift code)
SES_GRID = np.linspace(0.05, 1, 39)
HOLT_A, HOLT_B = map(np.array, zip(*[(a, b) for a in np.linspace(0.1, 1, 10)
                                     for b in (0.01, 0.05, 0.1, 0.2, 0.3, 0.5) if b <= a]))


def ses_fit(x):
    lvl = np.full(SES_GRID.shape, x[0]); sse = np.zeros(SES_GRID.shape)
    for v in x[1:]:
        e = v - lvl; sse += e * e; lvl = lvl + SES_GRID * e
    i = np.argmin(sse)
    return SES_GRID[i], lvl[i]


def damped(x, h, phi):
    lvl = np.full(HOLT_A.shape, x[0]); b = np.full(HOLT_A.shape, x[1] - x[0]); sse = np.zeros(HOLT_A.shape)
    for v in x[1:]:
        f = lvl + phi * b; e = v - f; sse += e * e; lvl = f + HOLT_A * e; b = phi * b + HOLT_A * HOLT_B * e
    i = np.argmin(sse)
    return lvl[i] + b[i] * np.cumsum(phi ** np.arange(1, h + 1))


def theta(x, h, th=2.0):
    n = len(x); a, lvl = ses_fit(x); b = np.polyfit(np.arange(n), x, 1)[0]
    return lvl + (1 - 1 / th) * b * (np.arange(1, h + 1) - 1 + 1 / a - (1 - a) ** n / a)


def on_log(method):
    return lambda x, h: np.exp(method(np.log(x), h)) if np.all(x > 0) else method(x, h)


METHODS = {
    "naive": lambda x, h: np.full(h, x[-1]),
    "ses": lambda x, h: np.full(h, ses_fit(x)[1]),
    "drift": lambda x, h: x[-1] + np.arange(1, h + 1) * (x[-1] - x[0]) / (len(x) - 1),
    "theta": theta,
    "theta3": lambda x, h: theta(x, h, 3),
    "damped.8": lambda x, h: damped(x, h, 0.8),
    "damped.9": lambda x, h: damped(x, h, 0.9),
    "holt": lambda x, h: damped(x, h, 1.0),
    "robust": lambda x, h: x[-1] + np.median(np.diff(x)) * np.arange(1, h + 1),
    "log theta": on_log(theta),
    "log theta3": on_log(lambda x, h: theta(x, h, 3)),
    "log theta1.5": on_log(lambda x, h: theta(x, h, 1.5)),
    "log damped.8": on_log(lambda x, h: damped(x, h, 0.8)),
}


def combination(x, h, phi=0.85):
    return (damped(x, h, phi) + METHODS["robust"](x, h) + on_log(theta)(x, h)) / 3


# ---------------------------------------------------------------- scores
X = [x for x, _ in SPLIT]
Y = np.array([y for _, y in SPLIT])
SCALE = np.array([np.mean(np.abs(np.diff(x))) for x in X])
NAIVE = np.array([np.full(H, x[-1]) for x in X])


def smape(y, f):
    return np.mean(200 * np.abs(y - f) / (np.abs(y) + np.abs(f)), axis=1)


def point_scores(F):
    s, m = smape(Y, F).mean(), (np.mean(np.abs(Y - F), axis=1) / SCALE).mean()
    s2, m2 = smape(Y, NAIVE).mean(), (np.mean(np.abs(Y - NAIVE), axis=1) / SCALE).mean()
    return s, m, 0.5 * (s / s2 + m / m2)


def interval_score(lo, hi, a):
    pen = (2 / a) * ((lo - Y) * (Y < lo) + (Y - hi) * (Y > hi))
    return ((hi - lo + pen).mean(axis=1) / SCALE).mean(), np.mean((Y >= lo) & (Y <= hi))


def main():
    quick = "--quick" in sys.argv
    print("Tuning split: %d series, fitted on all but the last %d training points\n" % (len(X), H))

    # 1. which combination
    F = {name: np.array([m(x, H) for x in X]) for name, m in METHODS.items()}
    rows = []
    for k in (1, 2, 3, 4):
        for combo in itertools.combinations(F, k):
            rows.append((point_scores(np.mean([F[c] for c in combo], axis=0)), combo))
    rows.sort(key=lambda r: r[0][2])
    print("1. Means of 1-4 methods, best 12 by OWA on the split (sMAPE, MASE, OWA):")
    for (s, m, o), combo in rows[:12]:
        print("   %.2f  %.3f  %.3f  %s" % (s, m, o, " + ".join(combo)))
    for (s, m, o), combo in rows:
        if combo == ("damped.8", "robust", "log theta"):
            print("   chosen: damped + robust + log theta  %.2f  %.3f  %.3f  (3 members; within 0.003 of the best)" % (s, m, o))
    print("   single methods: " + ", ".join("%s %.3f" % (c[0], o) for (_, _, o), c in rows if len(c) == 1))

    # 2. damping of the damped member
    print("\n2. Damping φ of the damped trend in the combination (OWA on the split):")
    phis = (0.7, 0.75, 0.8, 0.85, 0.9, 0.95)
    for phi in phis:
        print("   φ = %.2f  OWA %.4f" % (phi, point_scores(np.array([combination(x, H, phi) for x in X]))[2]))

    # 3. intervals from rolling-origin errors of the chosen combination
    print("\n3. Intervals (first origin, p, naive weight k0, ν, c) by IS80 + MSIS95 on the split:")
    FC = np.array([combination(x, H) for x in X])
    errors = []   # per series: list of (origin, h, relative error)
    for x in X:
        e = []
        for o in range(3, len(x)):
            f = combination(x[:o], min(H, len(x) - o))
            e += [(o, k + 1, x[o + k] / f[k] - 1) for k in range(len(f)) if f[k] > 0]
        errors.append(e)
    naive_rel = np.array([np.mean(np.abs(x[1:] / x[:-1] - 1)) for x in X])
    hh = np.arange(1, H + 1)
    results = []
    for first in ((4,) if quick else (3, 4, 5)):
        for p in (0.5, 0.75, 0.875, 1.0):
            raw = []
            for e in errors:
                sel = [(h, v) for o, h, v in e if o >= first]
                raw.append((len(sel), np.mean([abs(v) / h ** p for h, v in sel])))
            for k0 in (0, 2, 3, 5, 8):
                s = np.array([(n * r + k0 * nv) / (n + k0) for (n, r), nv in zip(raw, naive_rel)])
                sd = s[:, None] * hh[None, :] ** p
                for nu in (3, 4, 5):
                    for c in np.arange(0.80, 1.10, 0.02):
                        out = []
                        for a, level in ((0.2, 0.9), (0.05, 0.975)):
                            q = c * student_t.ppf(level, nu)
                            out.append(interval_score(np.maximum(FC * (1 - q * sd), 0), FC * (1 + q * sd), a))
                        results.append((out[0][0] + out[1][0], first, p, k0, nu, c, out))
    results.sort(key=lambda r: r[0])
    for total, first, p, k0, nu, c, out in results[:10]:
        print("   %.2f  first %d  p %.3f  k0 %d  ν %d  c %.2f   80%%: IS %.2f cov %.3f   95%%: MSIS %.2f cov %.3f"
              % (total, first, p, k0, nu, c, out[0][0], out[0][1], out[1][0], out[1][1]))
    print("   chosen: the first row")


if __name__ == "__main__":
    main()

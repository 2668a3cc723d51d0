#!/usr/bin/env python3
"""How the settings of the planning forecaster (`model: auto` of `plancast run`, `fit` and `backtest`;
Sources/Forecasting/PlanningForecaster.swift) were chosen.

The forecaster is a random walk with a combined, shrunk and damped drift on the series' own scale
(log for a positive series, logit between two bounds, the level otherwise), anchored on the last
actual, whose volatility is the posterior of the series' own yearly changes under a prior learned
across many annual series. This script re-implements it in numpy (the Swift code is the reference;
`Tests/ForecastingTests/PlanningForecasterTests.swift` checks that both agree on fixed cases) and
chooses the global settings on **one half** of the M3 and M1 yearly series ("tune"), then reports
the other half ("report"). Halves are fixed by a hash of the series id (the same split as
`Benchmarks/planning/run_planning_benchmark.py`).

Cases are cut as planning cases are: k = 3…12 points of history (consecutive, or with interior years
dropped), an origin anywhere the series has at least 10 later values, and targets placed
independently of the future: level at last × (1 + g)^h, an annual flow ≥ last × (1 + g)^(h/2) in every
year, an average growth ≥ g over the term, with g ~ U(−5%, +20%) a year.

Usage:  python3 Benchmarks/tune_planning.py                 coordinate search on the tune half (~3 min)
        python3 Benchmarks/tune_planning.py --params '{}'     the chosen settings (or changes to them)
        python3 Benchmarks/tune_planning.py --mix issue10 --params '{}'   on cases like issue 10's
        python3 Benchmarks/tune_planning.py --export Tests/Data/planning   the Swift tests' data
"""
import argparse
import csv
import hashlib
import itertools
import json
import sys
from collections import defaultdict

import numpy as np

HMAX = 10


def load(paths):
    d = defaultdict(list)
    for path in paths:
        with open(path, newline="") as fh:
            for r in csv.DictReader(fh):
                d[r["series_id"]].append((int(r["t"]), float(r["value"])))
    return {k: np.array([v for _, v in sorted(x)]) for k, x in d.items()}


def half_of(series_id):
    """'tune' or 'report', fixed by the md5 of the id."""
    return "tune" if int(hashlib.md5(series_id.encode()).hexdigest(), 16) % 2 == 0 else "report"


def cut_cases(series, half, per_series=4, seed=1, mix="planning"):
    """mix "planning": k 3–12, a third with gaps, h 1–10, three kinds; "issue10": k 4–10 consecutive,
    h 5, level targets (the cases of issue 10)."""
    rng = np.random.default_rng(seed)
    cases = []
    for sid in sorted(series):
        if half != "all" and half_of(sid) != half:
            continue
        x = series[sid]
        n = len(x)
        for _ in range(per_series):
            k = int(rng.integers(3, 13)) if mix == "planning" else int(rng.integers(4, 11))
            gapped = rng.random() < 1 / 3 and mix == "planning"
            window = k + (int(rng.integers(1, 4)) if gapped else 0)
            # origin index o (last history point) needs HMAX later values
            lo, hi = window - 1, n - 1 - HMAX
            if hi < lo:
                continue
            o = int(rng.integers(lo, hi + 1))
            idx = np.arange(o - window + 1, o + 1)
            if gapped:
                interior = idx[1:-1]
                drop = rng.choice(interior, size=window - k, replace=False)
                idx = np.array([i for i in idx if i not in set(drop)])
            years = idx - o  # last history year is 0
            hist = x[idx]
            future = x[o + 1:o + 1 + HMAX]
            g = rng.uniform(-0.05, 0.20)
            h = int(rng.integers(1, HMAX + 1)) if mix == "planning" else 5
            kind = ["level", "annual_flow", "average_growth"][int(rng.integers(0, 3))] if mix == "planning" else "level"
            if kind == "level":
                value = hist[-1] * (1 + g) ** h
            elif kind == "annual_flow":
                value = hist[-1] * (1 + g) ** (h / 2)
            else:
                value = 100 * g
            cases.append(dict(series=sid, years=years.astype(float), values=hist, future=future,
                              kind=kind, h=h, value=value))
    return cases


def met(kind, value, path_levels, last, h):
    """path_levels: (..., HMAX) levels for years 1..HMAX. Returns boolean array."""
    if kind == "level":
        return path_levels[..., h - 1] >= value
    if kind == "annual_flow":
        return np.all(path_levels[..., :h] >= value, axis=-1)
    with np.errstate(invalid="ignore", divide="ignore"):
        growth = (np.power(np.maximum(path_levels[..., h - 1], 0) / last, 1 / h) - 1) * 100
    return growth >= value


# The chosen settings (the defaults of PlanningForecaster.swift). How they were found, on the tune half:
# 1. `python3 Benchmarks/tune_planning.py` (coordinate search, loss = Brier + penalties for coverage
#    outside 80±2% / 95±1.5% at each horizon and for a decile off by more than 0.04) gave
#    w_mean 1, prior_drift 0.04, prior_drift_sd 0.08, damping 0.9, prior_df 2, prior_scale 0.08,
#    drift_sd 1, inflation 1, noise_df 4, horizon_exponent 0.5 (tune: Brier 0.1141, coverage at
#    horizon 10 only 0.78 / 0.91 — the spread grows faster than a random walk's).
# 2. By hand on the tune half (--params): horizon_exponent 0.6 with inflation 0.93 keeps the Brier
#    score (0.1148) and puts the 80% and 95% coverage at 0.80–0.84 and 0.93–0.96 at every horizon;
#    damping 0.85 or 1.0, candidate weights 0.5/0.25/0.25, a tighter drift prior (0.05) and
#    drift_sd 1.5 were worse on the tune half. The report half was read once, for these settings.
# 3. 2026-12-07, Benchmarks/planning/explore_skill.py (its docstring has the figures): volatility about a
#    blend of the mean change and the prior drift, extra drift variance, feature-dependent volatility
#    priors, k-dependent settings, momentum, pooled (global) location and scale models. The best,
#    prior_drift 0.05, prior_drift_sd 0.06, prior_df 1 and the volatility about the blend ½, gained
#    +0.006 / +0.002 Brier skill on the tune half (planning / issue-10 cases), +0.007 / +0.013 on the
#    report half, and chosen on M3 it was worse on M1: not adopted, these settings stay.
DEFAULTS = dict(w_mean=1.0, w_ols=0.0, w_median=0.0, prior_drift=0.04, prior_drift_sd=0.08, damping=0.9,
                prior_df=2.0, prior_scale=0.08, drift_sd=1.0, inflation=0.93, noise_df=4.0, horizon_exponent=0.6)


def drift_and_scale(years, z, p):
    t = years
    span = t[-1] - t[0]
    dz, dt = np.diff(z), np.diff(t)
    d_mean = (z[-1] - z[0]) / span
    tc = t - t.mean()
    d_ols = float(np.dot(tc, z - z.mean()) / np.dot(tc, tc))
    d_med = float(np.median(dz / dt))
    d_hat = p["w_mean"] * d_mean + p["w_ols"] * d_ols + p["w_median"] * d_med
    m = len(dz)
    ss = float(np.sum((dz - d_mean * dt) ** 2 / dt))
    df_data = m - 1
    return d_hat, ss, df_data, span


def simulate(case, p, draws, rng):
    """Paths of levels (draws, HMAX) for one case (all values positive: log scale)."""
    z = np.log(case["values"])
    d_hat, ss, df_data, span = drift_and_scale(case["years"], z, p)
    nu = p["prior_df"] + df_data
    sigma2 = (p["prior_df"] * p["prior_scale"] ** 2 + ss) / rng.chisquare(nu, size=draws)
    sigma = np.sqrt(sigma2)
    # drift | sigma: normal prior N(mu0, tau^2) times the likelihood of the changes (precision span/sigma^2)
    prior_precision = 1 / p["prior_drift_sd"] ** 2
    data_precision = span / sigma2
    post_var = 1 / (prior_precision + data_precision)
    post_mean = post_var * (prior_precision * p["prior_drift"] + data_precision * d_hat)
    drift = post_mean + p["drift_sd"] * np.sqrt(post_var) * rng.standard_normal(draws)
    if p["noise_df"] > 0:
        eps = rng.standard_t(p["noise_df"], size=(draws, HMAX)) * np.sqrt((p["noise_df"] - 2) / p["noise_df"])
    else:
        eps = rng.standard_normal((draws, HMAX))
    return levels(z[-1], drift, sigma, eps, p)


def levels(anchor, drift, sigma, eps, p):
    """Paths of levels (draws, HMAX) from the anchor (log scale): the damped drift plus the unit
    innovations `eps` scaled by inflation·σ and the horizon exponent."""
    steps = np.arange(1, HMAX + 1, dtype=float)
    growth = np.sqrt(steps ** (2 * p["horizon_exponent"]) - (steps - 1) ** (2 * p["horizon_exponent"]))
    eps = eps * ((p["inflation"] * sigma)[:, None] * growth[None, :])
    phis = np.cumsum(p["damping"] ** np.arange(1, HMAX + 1))
    zpath = anchor + drift[:, None] * phis[None, :] + np.cumsum(eps, axis=1)
    return np.exp(zpath)


def evaluate(cases, p, draws=600, seed=7):
    rng = np.random.default_rng(seed)
    probs, outcomes = [], []
    cover = {80: np.zeros(HMAX), 95: np.zeros(HMAX)}
    count = np.zeros(HMAX)
    for c in cases:
        paths = simulate(c, p, draws, rng)
        last = c["values"][-1]
        pm = float(np.mean(met(c["kind"], c["value"], paths, last, c["h"])))
        outcome = bool(met(c["kind"], c["value"], c["future"][None, :], last, c["h"])[0])
        probs.append(pm)
        outcomes.append(outcome)
        q = np.quantile(paths, [0.025, 0.1, 0.9, 0.975], axis=0)
        f = c["future"]
        cover[95] += (f >= q[0]) & (f <= q[3])
        cover[80] += (f >= q[1]) & (f <= q[2])
        count += 1
    probs, outcomes = np.array(probs), np.array(outcomes, dtype=float)
    brier = float(np.mean((probs - outcomes) ** 2))
    base = outcomes.mean()
    clim = base * (1 - base)
    pc = np.clip(probs, 1e-4, 1 - 1e-4)
    logscore = float(np.mean(outcomes * np.log(pc) + (1 - outcomes) * np.log(1 - pc)))
    bins = np.minimum((probs * 10).astype(int), 9)
    rel = []
    for b in range(10):
        sel = bins == b
        if sel.sum():
            rel.append((b, int(sel.sum()), float(probs[sel].mean()), float(outcomes[sel].mean())))
    worst = max((abs(r[2] - r[3]) for r in rel if r[1] >= 30), default=0.0)
    return dict(brier=brier, skill=1 - brier / clim, log=logscore, base=float(base), worst_bin=worst,
                reliability=rel, cov80=(cover[80] / count).tolist(), cov95=(cover[95] / count).tolist(),
                n=len(cases))


def loss(r):
    cov_pen = sum(max(0, abs(c - 0.80) - 0.02) for c in r["cov80"]) + sum(max(0, abs(c - 0.95) - 0.015) for c in r["cov95"])
    return r["brier"] + 0.05 * cov_pen + 0.05 * max(0, r["worst_bin"] - 0.04)


def export(folder, cases, p):
    """Tests/Data/planning/: the report-half cases (for the calibration test) and, for a few of them,
    quantiles of 400,000 paths of this implementation (for the test that the Swift forecaster agrees)."""
    import os
    os.makedirs(folder, exist_ok=True)
    rows = [dict(series=c["series"], years=[int(y) for y in c["years"]], values=c["values"].tolist(),
                 future=c["future"].tolist(), kind=c["kind"], horizon=c["h"], value=float(c["value"])) for c in cases]
    with open(os.path.join(folder, "report_cases.json"), "w") as fh:
        json.dump(dict(source="Benchmarks/tune_planning.py --export (report half of M3 + M1 yearly)", settings=p,
                       cases=rows), fh, separators=(",", ":"))
    rng = np.random.default_rng(3)
    refs = []
    for c in cases[:40:4]:
        paths = simulate(c, p, 400_000, rng)
        q = np.quantile(paths, [0.025, 0.1, 0.5, 0.9, 0.975], axis=0)
        refs.append(dict(years=[int(y) for y in c["years"]], values=c["values"].tolist(),
                         quantiles={str(h): q[:, h - 1].tolist() for h in (1, 5, 10)}))
    with open(os.path.join(folder, "reference_quantiles.json"), "w") as fh:
        json.dump(dict(source="Benchmarks/tune_planning.py --export, 400,000 paths each", settings=p,
                       levels=[0.025, 0.1, 0.5, 0.9, 0.975], cases=refs), fh, indent=1)


def summarize(p, tune, report, reliability=False):
    for name, cs in (("tune", tune), ("report", report)):
        r = evaluate(cs, p)
        print(name, json.dumps({k: (round(v, 4) if isinstance(v, float) else v) for k, v in r.items() if k != "reliability"}))
        if reliability:
            print("  reliability", [(b, n, round(a, 3), round(o, 3)) for b, n, a, o in r["reliability"]])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--params", help="JSON of settings to evaluate")
    ap.add_argument("--mix", default="planning", choices=["planning", "issue10"])
    ap.add_argument("--export", metavar="DIR", help="write the report-half cases and reference quantiles for the Swift tests")
    args = ap.parse_args()
    series = load(["Tests/Data/m3/yearly_train.csv", "Tests/Data/m3/yearly_test.csv",
                   "Tests/Data/m1/m1_yearly_train.csv", "Tests/Data/m1/m1_yearly_test.csv"])
    tune = cut_cases(series, "tune", per_series=2 if args.quick else 4, mix=args.mix)
    report = cut_cases(series, "report", per_series=4, seed=2, mix=args.mix)
    print(f"cases: tune {len(tune)}, report {len(report)}", file=sys.stderr)
    p = dict(DEFAULTS)
    if args.export:
        export(args.export, report, p)
        return
    if args.params:
        p.update(json.loads(args.params))
        summarize(p, tune, report, reliability=True)
        return
    # coordinate search on the tune half
    grid = dict(w_mean=[0.2, 0.35, 0.5, 0.7, 1.0], prior_drift=[0, 0.01, 0.02, 0.03, 0.04, 0.05], prior_drift_sd=[0.02, 0.03, 0.05, 0.08, 0.12, 1.0],
                damping=[0.7, 0.8, 0.9, 1.0], prior_df=[0.5, 1, 2, 4, 8], prior_scale=[0.03, 0.05, 0.08, 0.12],
                drift_sd=[0, 0.5, 1, 1.5, 2], inflation=[0.8, 0.9, 1.0, 1.1, 1.2, 1.35], noise_df=[0, 4, 6],
                horizon_exponent=[0.4, 0.5, 0.6, 0.7, 0.8])
    best = evaluate(tune, p)
    bl = loss(best)
    for sweep in range(2):
        for key, values in grid.items():
            for v in values:
                q = dict(p)
                q[key] = v
                if key == "w_mean":
                    q["w_ols"] = q["w_median"] = (1 - v) / 2
                r = evaluate(tune, q)
                if loss(r) < bl - 1e-5:
                    bl, best, p = loss(r), r, q
                    print(f"sweep {sweep} {key}={v}: loss {bl:.4f} brier {r['brier']:.4f} skill {r['skill']:.3f} worst {r['worst_bin']:.3f} "
                          f"cov80 {np.round(r['cov80'], 2).tolist()} cov95 {np.round(r['cov95'], 2).tolist()}", file=sys.stderr)
    print("chosen", json.dumps(p))
    summarize(p, tune, report)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Planning benchmark: is plancast's P(meet) calibrated? (issue 10)

Cuts thousands of small "planning cases" out of the M3 and M1 yearly series, runs them all through
ONE `plancast run` (one indicator and one target per case), and scores the P(meet) of every target
against what really happened, next to three peers run in the same process on the same cases:
a random walk with drift on the log scale, StatsForecast AutoETS and StatsForecast AutoTheta.

Usage (from anywhere; paths are resolved from this file):

    python3 Benchmarks/planning/run_planning_benchmark.py --half report
    python3 Benchmarks/planning/run_planning_benchmark.py --quick            # 300 cases, no StatsForecast
    python3 Benchmarks/planning/run_planning_benchmark.py --half tune --cases 500 --model damped
    PLANCAST=path/to/plancast python3 ... --out /tmp/x --svg /tmp/x/rel.svg --json-cases /tmp/x/cases.json

Data
----
M3 yearly (645 series, `Tests/Data/m3/yearly_{train,test}.csv`) and M1 yearly (181 series,
`Tests/Data/m1/m1_yearly_{train,test}.csv`), format `series_id,t,value`, t 1-based,
the test rows continuing t. Train and test of each series are joined into ONE full series (the
competitions' train/test split plays no role here). All values are positive.

Halves
------
Each series belongs to one half, fixed by the md5 of its id (as an integer): even →
`tune`, odd → `report` — the split `Benchmarks/tune_planning.py` tuned on. Settings may be chosen on `tune`; numbers are quoted on `report`.
`--half all` is the union: the cases of each half are cut with their own random stream, so the
`report` cases of `--half all` are exactly those of `--half report` (numbered after the tune ones).

How a case is cut
-----------------
A case = (series, origin, k history points, horizon h, target). With a fixed seed (`--seed`), for
N cases (`--cases`, per half) over the S series of a half: every series gets ⌊N/S⌋ cases and
N mod S randomly chosen series one more, so no series has more than ⌈N/S⌉ cases (5 for the
default 2,000). For each case:
  1. k ~ uniform{3, …, 12}; h ~ uniform{1, …, 10}; kind ~ uniform{level, annual_flow,
     average_growth}; with probability 1/3 the history has gaps.
  2. The history window is the W = k (consecutive) or W = k + m (gapped, m ~ uniform{1, …, ⌈k/2⌉})
     consecutive points ending at the origin. For a gapped case m interior points of the window are
     dropped at random (never the first nor the last), so k points remain on irregular years.
  3. The origin is uniform among the positions with W points up to it and at least h points after
     it (the actuals of years origin+1 … origin+h must exist). If a series is too short for the
     draw, k, h and the gaps are drawn again (up to 200 times; a case that still does not fit is
     counted and reported as not cut). The same (series, origin, window) is never used twice.
  4. Years: every case is shifted so that its origin (the last history point) is the year 2020;
     position i of the full series is year 2020 + (i − origin). So all cases share as_of = base
     year = 2020 and the horizon 2030, and the target year is 2020 + h. The series' own start
     years are not used.
  5. Future actuals: the points after the origin, years 2021 … 2030 as far as the series goes (at
     least up to the target year; the later ones are used only for interval coverage).

Targets (all `at_least`, placed from the history and an independent random draw only)
------------------------------------------------------------------------------------
With y0 the last history value and g ~ Uniform(−0.05, +0.20) a year, drawn for each case:
  * level:          value = y0 · (1+g)^h; met when the actual in year 2020+h ≥ value.
  * annual_flow:    value = y0 · (1+g)^(h/2); met when the actual of EVERY year 2021 … 2020+h is
                    ≥ value (the term base_year+1 … target year).
  * average_growth: value = 100·g (% a year); met when the compound growth of the actuals from
                    y0 (base year 2020) to the target year, 100·((y_h/y0)^(1/h) − 1), is ≥ value.
Values are rounded to 6 significant digits, and the rounded value is used everywhere. Because the
target is a function of the history and of a draw that never looks at the future, the outcome is
not built into the target: a forecaster can only score well by predicting the future well, and
the base rate of "met" is whatever the data say (reported for each set). A target placed at, say,
the realised value would make every method look good or bad by construction.

Methods (the same cases, the same targets)
------------------------------------------
  * plancast: one scenario file (`scenario/planning.yaml`, one indicator `cNNNN` with its own
    series and one target `cNNNN.T` per case, `bounds: {lower: 0}`, `model: auto` or `--model`)
    and one data file (`scenario/cases.csv`, `series,year,value`, history rows only), run once with
    `$PLANCAST run planning.yaml --out OUT/plancast --format csv --quiet`, timed (wall seconds).
    P(meet) is `p_meet` of `targets.csv` (scenario baseline); intervals are the `projected` rows of
    `projections.csv`. A target with an empty p_meet (status "no data" or anything else) is
    counted and listed, never dropped silently.
  * rw_drift: random walk with drift on log y, with normal increments. On irregular years
    (gapped cases) a gap of d years is d steps: drift = (log y_last − log y_first) / span (span =
    last − first year; for consecutive years the mean log change), σ² = Σ (Δᵢ − drift·dᵢ)²/dᵢ /
    (k − 2) over the k − 1 changes Δᵢ over dᵢ years (floored at 1e-12). Forecast of log y at h:
    mean log y0 + h·drift, variance σ²·h·(1 + h/span) (the usual RW-drift formula, the second
    term for the estimated drift); intervals exp(mean ± z·sd). P(level) from the normal CDF;
    annual_flow and average_growth from 4,000 seeded Gaussian paths with the same marginals
    (a drift drawn once per path from N(drift, σ²/span) plus N(0, σ²) increments).
  * autoets, autotheta: StatsForecast `AutoETS(season_length=1)`, `AutoTheta(season_length=1)`,
    fitted to each case's k history values in order (for a gapped case the gaps are ignored: the
    values are treated as consecutive and forecast step j is read as year 2020 + j), h = 10, levels
    80 and 95. Their 80% interval is turned into a normal ON THE LEVEL SCALE (mean = the point
    forecast, sd_h = (hi80 − lo80) / (2·z0.90)); P(level) from its CDF; annual_flow and
    average_growth from 4,000 seeded Gaussian paths with independent increments whose variance at
    each horizon matches sd_h² (increment variances max(sd_h² − sd_{h−1}², 0); where sd_h
    decreases the path variance stays at the previous maximum — counted and reported). An
    average_growth is met on a path only when the path is positive in the target year. Interval
    coverage uses their own lo/hi 80 and 95. A case where the model raises (AutoETS refuses
    series of fewer than 7 points: "tiny datasets") or returns non-finite intervals is counted as
    failed for that method, not replaced by anything.

Scores (per method, over the cases it gave a P for; again over the cases where all did)
-------------------------------------------------------------------------------------
For a set of targets with predictions p and outcomes o (1 met, 0 not):
  * Brier = mean (p − o)²; lower is better, 0 perfect.
  * Brier skill = 1 − Brier / Brier_clim, with Brier_clim = ō(1 − ō), ō the observed met
    frequency of THAT set (the best constant forecast in hindsight). 1 perfect, 0 no better than
    the base rate, negative worse. Undefined (empty) when ō is 0 or 1.
  * log score = mean [o·ln p + (1 − o)·ln(1 − p)] with p clipped to [1e-4, 1 − 1e-4]; higher is
    better, 0 perfect; the base rate scores ō·ln ō + (1 − ō)·ln(1 − ō) (also reported).
  These for all targets, by kind, and by k band (3–5, 6–9, 10–12 history points).
  * Reliability: predicted P in ten equal bins [0, .1), [.1, .2), …, [.9, 1] ; per bin n, mean
    predicted, observed frequency and observed − predicted (positive: the method was too
    pessimistic there).
  * Is it more than chance? Each method's outcomes redrawn as Bernoulli(P): the share of redraws
    whose worst bin (>= 30 cases) is as far off as the real one, the share in which a perfectly
    calibrated forecaster would meet issue 10's ±0.06 (on all cases and on 600), Hosmer–Lemeshow χ².
  * Coverage: for every case and every projected year 2020 + j (j = 1 … 10) with an actual, whether
    the actual is inside [lo80, hi80] and [lo95, hi95]; the share by horizon j and overall.

Outputs, in --out (default /tmp/plancast-planning): scenario/ (the YAML and CSV), plancast/ (what
plancast wrote), predictions.csv (case × method: p, outcome), scores.json, tables.md, the
reliability diagram (--svg, default OUT/reliability.svg), and with --json-cases the cases as JSON.
The tables are also printed. Exit status 0 when everything ran (failures of single cases are
reported in the tables), 1 when plancast itself failed or a requested peer could not run at all.
"""
import argparse
import csv
import hashlib
import json
import math
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SOURCES = {
    "M3": (ROOT / "Tests/Data/m3/yearly_train.csv", ROOT / "Tests/Data/m3/yearly_test.csv"),
    "M1": (ROOT / "Tests/Data/m1/m1_yearly_train.csv", ROOT / "Tests/Data/m1/m1_yearly_test.csv"),
}
ORIGIN_YEAR = 2020
MAX_H = 10
K_MIN, K_MAX = 3, 12
KINDS = ("level", "annual_flow", "average_growth")
K_BANDS = (("3-5", 3, 5), ("6-9", 6, 9), ("10-12", 10, 12))
G_LOW, G_HIGH = -0.05, 0.20
GAPPED_SHARE = 1 / 3
N_PATHS = 4000
CLIP = 1e-4
Z80 = 1.2815515655446004    # Φ⁻¹(0.90)
Z95 = 1.959963984540054     # Φ⁻¹(0.975)
METHODS = ("plancast", "rw_drift", "autoets", "autotheta")
LABELS = {"plancast": "plancast", "rw_drift": "RW drift (log)",
          "autoets": "StatsForecast AutoETS", "autotheta": "StatsForecast AutoTheta"}


def log(msg):
    print(msg, file=sys.stderr, flush=True)


# ───────────────────────────────────────────────────────────────────────── data and cases
def load_source(name):
    """{series_id: np.array of the full series (train then test), in t order}; t must be 1…n."""
    rows = {}
    for path in SOURCES[name]:
        with open(path, newline="") as fh:
            for r in csv.DictReader(fh):
                rows.setdefault(r["series_id"], []).append((int(r["t"]), float(r["value"])))
    out = {}
    for sid, pts in rows.items():
        pts.sort()
        ts = [t for t, _ in pts]
        if ts != list(range(1, len(ts) + 1)):
            raise SystemExit(f"{name} {sid}: t is not 1…n after joining train and test")
        v = np.array([x for _, x in pts])
        if not np.all(np.isfinite(v)) or np.any(v <= 0):
            raise SystemExit(f"{name} {sid}: a value is not positive and finite")
        out[sid] = v
    return out


def half_of(source, sid):
    """The split of Benchmarks/tune_planning.py (the settings were chosen on "tune" only): md5 of the id."""
    return "tune" if int(hashlib.md5(sid.encode()).hexdigest(), 16) % 2 == 0 else "report"


def sig6(x):
    return float(f"{x:.6g}")


# How cases are cut; `--preset issue10` narrows it to the planning cases of issue 10 (k = 4…10
# consecutive points, a five-year horizon, level targets at last × (1 + g)^5).
CUT = dict(k_min=K_MIN, k_max=K_MAX, h_min=1, h_max=MAX_H, kinds=KINDS, gapped_share=GAPPED_SHARE)
PRESETS = {"issue10": dict(k_min=4, k_max=10, h_min=5, h_max=5, kinds=("level",), gapped_share=0.0)}


def cut_half(all_series, half, n_cases, seed):
    """The cases of one half (see the module docstring); returns (cases, n_not_cut)."""
    series = sorted(k for k in all_series if half_of(*k) == half)
    rng = np.random.default_rng([seed, 0 if half == "tune" else 1])
    counts = {s: n_cases // len(series) for s in series}
    for i in rng.choice(len(series), n_cases % len(series), replace=False):
        counts[series[i]] += 1
    cases, not_cut = [], 0
    for key in series:
        values = all_series[key]
        n = len(values)
        used = set()
        for _ in range(counts[key]):
            for _attempt in range(200):
                k = int(rng.integers(CUT["k_min"], CUT["k_max"] + 1))
                h = int(rng.integers(CUT["h_min"], CUT["h_max"] + 1))
                kind = CUT["kinds"][int(rng.integers(len(CUT["kinds"])))]
                gapped = bool(rng.random() < CUT["gapped_share"])
                m = int(rng.integers(1, math.ceil(k / 2) + 1)) if gapped else 0
                w = k + m
                lo, hi = w - 1, n - 1 - h           # feasible origins (0-based positions)
                if lo > hi:
                    continue
                origin = int(rng.integers(lo, hi + 1))
                first = origin - w + 1
                if gapped:
                    drop = set(int(x) for x in rng.choice(np.arange(first + 1, origin), m, replace=False))
                else:
                    drop = set()
                pos = [i for i in range(first, origin + 1) if i not in drop]
                sig = (origin, tuple(pos))
                if sig in used:
                    continue
                used.add(sig)
                g = float(rng.uniform(G_LOW, G_HIGH))
                y0 = float(values[origin])
                if kind == "level":
                    target = sig6(y0 * (1 + g) ** h)
                elif kind == "annual_flow":
                    target = sig6(y0 * (1 + g) ** (h / 2))
                else:
                    target = sig6(100 * g)
                fut = list(range(origin + 1, min(origin + MAX_H, n - 1) + 1))
                cases.append({
                    "source": key[0], "series_id": key[1], "half": half,
                    "origin_t": origin + 1, "k": k, "gapped": gapped, "h": h, "kind": kind,
                    "target": target, "target_year": ORIGIN_YEAR + h, "g": g,
                    "history_years": [ORIGIN_YEAR + i - origin for i in pos],
                    "history_values": [float(values[i]) for i in pos],
                    "future_years": [ORIGIN_YEAR + i - origin for i in fut],
                    "future_values": [float(values[i]) for i in fut],
                })
                break
            else:
                not_cut += 1
    return cases, not_cut


def outcome(case):
    """1 when the target was met by the actuals, else 0 (definitions in the docstring)."""
    fut = dict(zip(case["future_years"], case["future_values"]))
    h, tv, y0 = case["h"], case["target"], case["history_values"][-1]
    if case["kind"] == "level":
        return int(fut[ORIGIN_YEAR + h] >= tv)
    if case["kind"] == "annual_flow":
        return int(all(fut[ORIGIN_YEAR + j] >= tv for j in range(1, h + 1)))
    return int(100 * ((fut[ORIGIN_YEAR + h] / y0) ** (1 / h) - 1) >= tv)


def k_band(k):
    return next(name for name, a, b in K_BANDS if a <= k <= b)


# ───────────────────────────────────────────────────────────────────────── plancast
def write_scenario(cases, folder, model, draws, seed, half):
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "cases.csv", "w", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["series", "year", "value"])
        for c in cases:
            for y, v in zip(c["history_years"], c["history_values"]):
                w.writerow([c["id"], y, repr(v)])
    lines = [
        "# Written by Benchmarks/planning/run_planning_benchmark.py: one indicator and one target per",
        "# planning case; every case shifted so that its last history year is 2020.",
        "plancast: 1",
        f'title: "Planning benchmark: {len(cases)} cases from the M3 and M1 yearly series (half {half})"',
        "description: >-",
        "  Each indicator is a short piece of an M3 or M1 yearly series ending at a random origin,",
        "  shifted so that the origin is 2020; its one target was placed from the history only.",
        "language: en",
        "data: cases.csv",
        f"as_of: {ORIGIN_YEAR}",
        f"base_year: {ORIGIN_YEAR}",
        f"horizon: {ORIGIN_YEAR + MAX_H}",
        f"simulation: {{draws: {draws}, seed: {seed}}}",
        "",
        "indicators:",
    ]
    for c in cases:
        name = (f"{c['source']} {c['series_id']}, origin t={c['origin_t']}, k={c['k']}"
                f"{' with gaps' if c['gapped'] else ''}")
        lines += [
            f"  - id: {c['id']}",
            f'    name: "{name}"',
            f'    name_en: "{name}"',
            f"    series: {c['id']}",
            f"    model: {model}",
            "    bounds: {lower: 0}",
            "    targets:",
            f"      - id: {c['id']}.T",
            "        programme: 1",
            f"        kind: {c['kind']}",
            f"        year: {c['target_year']}",
            "        comparison: at_least",
            f"        value: {c['target']!r}",
        ]
    lines += [
        "",
        "scenarios:",
        "  baseline:",
        '    description: "The trend of each case as it stood at its origin; no adjustments."',
        "",
    ]
    (folder / "planning.yaml").write_text("\n".join(lines))
    return folder / "planning.yaml"


def run_plancast(cases, binary, yaml_path, out_dir):
    """Runs plancast once; returns (p per case (NaN when missing), intervals, info)."""
    cmd = [binary, "run", str(yaml_path), "--out", str(out_dir), "--format", "csv", "--quiet"]
    log("running: " + " ".join(cmd))
    t0 = time.perf_counter()
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True)
    except OSError as e:                      # no such binary, not executable, …
        proc = subprocess.CompletedProcess(cmd, 127, "", f"cannot start {binary}: {e}")
    wall = time.perf_counter() - t0
    info = {"command": " ".join(cmd), "wall_seconds": wall, "exit_status": proc.returncode,
            "stderr_tail": proc.stderr[-2000:]}
    n = len(cases)
    p = np.full(n, np.nan)
    iv = np.full((n, MAX_H, 4), np.nan)
    if proc.returncode != 0:
        log(f"plancast failed (exit {proc.returncode}):\n{proc.stderr[-2000:]}")
        info["missing"] = [{"case": c["id"], "status": "plancast run failed"} for c in cases]
        return p, iv, info
    index = {c["id"]: i for i, c in enumerate(cases)}
    status = {}
    with open(out_dir / "targets.csv", newline="", encoding="utf-8-sig") as fh:
        for r in csv.DictReader(fh):
            if r["scenario"] != "baseline":
                continue
            i = index[r["target_id"][:-2]]
            status[i] = (r["status"], r["explanation"])
            if r["p_meet"].strip():
                p[i] = float(r["p_meet"])
    with open(out_dir / "projections.csv", newline="", encoding="utf-8-sig") as fh:
        for r in csv.DictReader(fh):
            if r["scenario"] != "baseline" or r["kind"] != "projected":
                continue
            j = int(r["year"]) - ORIGIN_YEAR
            if 1 <= j <= MAX_H:
                iv[index[r["indicator"]], j - 1] = [float(r[c]) if r[c].strip() else np.nan
                                                    for c in ("lo80", "hi80", "lo95", "hi95")]
    info["missing"] = [{"case": cases[i]["id"], "status": status.get(i, ("no row", ""))[0],
                        "explanation": status.get(i, ("", "no row in targets.csv"))[1]}
                       for i in range(n) if np.isnan(p[i])]
    from collections import Counter
    info["status_counts"] = dict(Counter(s for s, _ in status.values()))
    return p, iv, info


# ───────────────────────────────────────────────────────────────────────── peers
_erfc = np.frompyfunc(math.erfc, 1, 1)


def norm_sf(z):
    """P(Z ≥ z) for a standard normal."""
    return np.asarray(0.5 * _erfc(np.asarray(z, dtype=float) / math.sqrt(2)), dtype=float)


def prob_from_paths(case, paths, y0):
    """paths: (N_PATHS, MAX_H) on the level scale, column j−1 = year 2020 + j."""
    h, tv = case["h"], case["target"]
    if case["kind"] == "annual_flow":
        return float(np.mean(np.all(paths[:, :h] >= tv, axis=1)))
    yh = paths[:, h - 1]
    ok = yh > 0
    growth = np.full(yh.shape, -np.inf)
    growth[ok] = 100 * ((yh[ok] / y0) ** (1 / h) - 1)
    return float(np.mean(growth >= tv))


def rw_drift(cases, seed):
    n = len(cases)
    p = np.full(n, np.nan)
    iv = np.full((n, MAX_H, 4), np.nan)
    hs = np.arange(1, MAX_H + 1)
    for i, c in enumerate(cases):
        yrs = np.array(c["history_years"], dtype=float)
        ly = np.log(np.array(c["history_values"]))
        d, dl = np.diff(yrs), np.diff(ly)
        span = yrs[-1] - yrs[0]
        drift = (ly[-1] - ly[0]) / span
        s2 = max(float(np.sum((dl - drift * d) ** 2 / d) / (len(dl) - 1)), 1e-12)
        mu = ly[-1] + hs * drift
        sd = np.sqrt(s2 * hs * (1 + hs / span))
        iv[i] = np.stack([np.exp(mu - Z80 * sd), np.exp(mu + Z80 * sd),
                          np.exp(mu - Z95 * sd), np.exp(mu + Z95 * sd)], axis=1)
        h = c["h"]
        if c["kind"] == "level":
            p[i] = float(norm_sf((math.log(c["target"]) - mu[h - 1]) / sd[h - 1]))
        else:
            rng = np.random.default_rng([seed, i, 1])
            sig = math.sqrt(s2)
            b = drift + sig / math.sqrt(span) * rng.standard_normal((N_PATHS, 1))
            lp = ly[-1] + hs * b + sig * np.cumsum(rng.standard_normal((N_PATHS, MAX_H)), axis=1)
            p[i] = prob_from_paths(c, np.exp(lp), float(np.exp(ly[-1])))
    return p, iv, {}


def statsforecast_peer(cases, which, seed):
    """AutoETS or AutoTheta per case; failures are counted, never filled in."""
    import warnings
    from statsforecast.models import AutoETS, AutoTheta
    make = {"autoets": AutoETS, "autotheta": AutoTheta}[which]
    n = len(cases)
    p = np.full(n, np.nan)
    iv = np.full((n, MAX_H, 4), np.nan)
    failures, nonmonotone = {}, 0
    for i, c in enumerate(cases):
        y = np.array(c["history_values"], dtype=float)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                fc = make(season_length=1).forecast(y=y, h=MAX_H, level=[80, 95])
            mean = np.asarray(fc["mean"], dtype=float)
            band = np.stack([np.asarray(fc[k], dtype=float)
                             for k in ("lo-80", "hi-80", "lo-95", "hi-95")], axis=1)
            if not (np.all(np.isfinite(mean)) and np.all(np.isfinite(band))):
                raise ValueError("non-finite forecast or interval")
        except Exception as e:  # noqa: BLE001 - any failure of the peer is reported as such
            reason = f"{type(e).__name__}: {str(e)[:80]}"
            failures[reason] = failures.get(reason, 0) + 1
            continue
        iv[i] = band
        sd = np.maximum((band[:, 1] - band[:, 0]) / (2 * Z80), 0.0)
        if np.any(np.diff(sd) < 0):
            nonmonotone += 1
        h, tv = c["h"], c["target"]
        if c["kind"] == "level":
            if sd[h - 1] > 0:
                p[i] = float(norm_sf((tv - mean[h - 1]) / sd[h - 1]))
            else:
                p[i] = float(mean[h - 1] >= tv)
        else:
            rng = np.random.default_rng([seed, i, 2 if which == "autoets" else 3])
            inc_sd = np.sqrt(np.diff(np.concatenate([[0.0], np.maximum.accumulate(sd ** 2)])))
            paths = mean + np.cumsum(rng.standard_normal((N_PATHS, MAX_H)) * inc_sd, axis=1)
            p[i] = prob_from_paths(c, paths, float(y[-1]))
    return p, iv, {"failures": failures, "n_failed": int(sum(failures.values())),
                   "sd_not_increasing": nonmonotone}


# ───────────────────────────────────────────────────────────────────────── scores
def prob_scores(p, o):
    n = len(p)
    if n == 0:
        return {"n": 0}
    base = float(np.mean(o))
    brier = float(np.mean((p - o) ** 2))
    clim = base * (1 - base)
    pc = np.clip(p, CLIP, 1 - CLIP)
    ls = float(np.mean(o * np.log(pc) + (1 - o) * np.log(1 - pc)))
    bc = min(max(base, CLIP), 1 - CLIP)
    return {"n": n, "base_rate": base, "brier": brier,
            "brier_skill": (1 - brier / clim) if clim > 0 else None,
            "log_score": ls, "log_score_base_rate": base * math.log(bc) + (1 - base) * math.log(1 - bc),
            "mean_p": float(np.mean(p))}


def reliability(p, o):
    rows = []
    b = np.minimum((p * 10).astype(int), 9)
    for j in range(10):
        sel = b == j
        nb = int(sel.sum())
        mp = float(np.mean(p[sel])) if nb else None
        of = float(np.mean(o[sel])) if nb else None
        rows.append({"bin": f"{j / 10:.1f}-{(j + 1) / 10:.1f}", "n": nb, "mean_p": mp, "observed": of,
                     "diff": (of - mp) if nb else None})
    return rows


RELIABILITY_TOLERANCE = 0.06   # issue 10: every bin of >= 30 cases within ±0.06
RELIABILITY_MIN_BIN = 30


def calibration_check(p, o, seed=1, sims=10000, subsample=600):
    """How far the reliability table is from what a perfectly calibrated forecaster would show.

    Outcomes are redrawn `sims` times as independent Bernoulli(p_i) — what these very P(meet) would
    see if every one of them were exactly right — and the reliability table recomputed on the same
    bins. Returns the worst |observed − mean P| over bins of >= 30 cases, the share of redraws whose
    worst bin is at least as far off (a p-value: small means the gap is more than chance), the share
    of redraws meeting the ±0.06 goal (the best a perfect forecaster can hope for on this many cases),
    the same share for `subsample` cases drawn at random (issue 10's benchmark size), and the
    Hosmer–Lemeshow statistic Σ_bins (O − E)² / Σ p(1 − p) with its χ² p-value (df = bins)."""
    n = len(p)
    if n == 0:
        return None
    b = np.minimum((p * 10).astype(int), 9)
    rng = np.random.default_rng(seed)

    def worst(outcomes, bins, probs):
        w = np.zeros(outcomes.shape[0])
        for j in range(10):
            sel = bins == j
            if sel.sum() >= RELIABILITY_MIN_BIN:
                w = np.maximum(w, np.abs(outcomes[:, sel].mean(axis=1) - probs[sel].mean()))
        return w

    observed = float(worst(o[None, :], b, p)[0])
    redrawn = worst((rng.random((sims, n)) < p).astype(float), b, p)
    small = []
    for _ in range(min(sims, 2000)):
        idx = rng.choice(n, size=min(subsample, n), replace=False)
        ps = p[idx]
        small.append(worst((rng.random((1, len(idx))) < ps).astype(float), b[idx], ps)[0])
    hl, bins_used = 0.0, 0
    for j in range(10):
        sel = b == j
        var = float(np.sum(p[sel] * (1 - p[sel])))
        if sel.sum() and var > 0:
            hl += (float(o[sel].sum()) - float(p[sel].sum())) ** 2 / var
            bins_used += 1
    try:
        from scipy.stats import chi2
        hl_p = float(chi2.sf(hl, bins_used))
    except ImportError:
        hl_p = None
    return {"worst_bin": observed, "p_worst": float(np.mean(redrawn >= observed - 1e-12)),
            "perfect_meets_goal": float(np.mean(redrawn <= RELIABILITY_TOLERANCE)),
            "perfect_meets_goal_subsample": float(np.mean(np.array(small) <= RELIABILITY_TOLERANCE)),
            "subsample": min(subsample, n), "hosmer_lemeshow": hl, "hl_df": bins_used, "hl_p": hl_p}


def coverage(cases, iv):
    """Share of actuals inside the 80% / 95% intervals by horizon 1…10 and overall."""
    inside80 = [[] for _ in range(MAX_H)]
    inside95 = [[] for _ in range(MAX_H)]
    for c, band in zip(cases, iv):
        for yr, a in zip(c["future_years"], c["future_values"]):
            j = yr - ORIGIN_YEAR
            lo80, hi80, lo95, hi95 = band[j - 1]
            if np.isnan(lo80) or np.isnan(hi80) or np.isnan(lo95) or np.isnan(hi95):
                continue
            inside80[j - 1].append(lo80 <= a <= hi80)
            inside95[j - 1].append(lo95 <= a <= hi95)
    rows = [{"h": j + 1, "n": len(inside80[j]),
             "cov80": float(np.mean(inside80[j])) if inside80[j] else None,
             "cov95": float(np.mean(inside95[j])) if inside95[j] else None} for j in range(MAX_H)]
    all80 = sum(inside80, [])
    all95 = sum(inside95, [])
    rows.append({"h": "all", "n": len(all80), "cov80": float(np.mean(all80)) if all80 else None,
                 "cov95": float(np.mean(all95)) if all95 else None})
    return rows


def score_all(cases, preds, ivs):
    o = np.array([c["outcome"] for c in cases], dtype=float)
    kinds = np.array([c["kind"] for c in cases])
    bands = np.array([k_band(c["k"]) for c in cases])
    common = np.all([~np.isnan(preds[m]) for m in preds], axis=0)
    out = {}
    for m, p in preds.items():
        ok = ~np.isnan(p)
        res = {"n_cases": len(cases), "n_without_p": int((~ok).sum()),
               "all": prob_scores(p[ok], o[ok]),
               "common": prob_scores(p[common], o[common]),
               "by_kind": {k: prob_scores(p[ok & (kinds == k)], o[ok & (kinds == k)]) for k in KINDS},
               "by_k_band": {b: prob_scores(p[ok & (bands == b)], o[ok & (bands == b)])
                             for b, _, _ in K_BANDS},
               "reliability": reliability(p[ok], o[ok]),
               "calibration": calibration_check(p[ok], o[ok]),
               "coverage": coverage(cases, ivs[m])}
        out[m] = res
    return out, int(common.sum())


# ───────────────────────────────────────────────────────────────────────── tables and SVG
def f3(x, nd=3):
    return "" if x is None or (isinstance(x, float) and math.isnan(x)) else f"{x:.{nd}f}"


def tables_md(scores, meta):
    ms = list(scores)
    L = [f"# Planning benchmark: P(meet) calibration — half `{meta['half']}`", "",
         f"{meta['n_cases']} cases from {meta['n_series']} series (M3 {meta['n_by_source'].get('M3', 0)}, "
         f"M1 {meta['n_by_source'].get('M1', 0)} cases), seed {meta['seed']}, plancast model "
         f"`{meta['model']}`, {meta['draws']} draws. Base rate (targets met): "
         f"{meta['base_rate']:.3f}. Common set (every method gave a P): {meta['n_common']} cases.", ""]
    if meta.get("not_cut"):
        L += [f"Cases that could not be cut (series too short for the draw): {meta['not_cut']}.", ""]
    L += ["## All targets", "",
          "Each method on the cases it gave a P for (no P: plancast \"no data\", or the peer failed; see Notes).",
          "", "| method | n | no P | base rate | Brier | Brier skill | log score | log score of base rate "
          "| mean P | time (s) |", "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for m in ms:
        a = scores[m]["all"]
        L.append(f"| {LABELS[m]} | {a['n']} | {scores[m]['n_without_p']} | {f3(a.get('base_rate'))} | "
                 f"{f3(a.get('brier'))} | {f3(a.get('brier_skill'))} | {f3(a.get('log_score'))} | "
                 f"{f3(a.get('log_score_base_rate'))} | {f3(a.get('mean_p'))} | {f3(meta['times'].get(m), 2)} |")
    L.append("")
    L += [f"## Common set ({meta['n_common']} cases where every method gave a P)", "",
          "| method | n | base rate | Brier | Brier skill | log score |", "|---|---:|---:|---:|---:|---:|"]
    for m in ms:
        a = scores[m]["common"]
        L.append(f"| {LABELS[m]} | {a['n']} | {f3(a.get('base_rate'))} | {f3(a.get('brier'))} | "
                 f"{f3(a.get('brier_skill'))} | {f3(a.get('log_score'))} |")
    for title, key, groups in (("By kind", "by_kind", KINDS),
                               ("By k band (history points)", "by_k_band", [b for b, _, _ in K_BANDS])):
        L += ["", f"## {title}", "",
              "| method | set | n | base rate | Brier | Brier skill | log score |",
              "|---|---|---:|---:|---:|---:|---:|"]
        for m in ms:
            for g in groups:
                a = scores[m][key][g]
                L.append(f"| {LABELS[m]} | {g} | {a['n']} | {f3(a.get('base_rate'))} | {f3(a.get('brier'))} | "
                         f"{f3(a.get('brier_skill'))} | {f3(a.get('log_score'))} |")
    L += ["", "## Reliability (bins of predicted P)", "",
          "| method | bin | n | mean P | observed | observed − P |", "|---|---|---:|---:|---:|---:|"]
    for m in ms:
        for r in scores[m]["reliability"]:
            diff = "" if r["diff"] is None else f"{r['diff']:+.3f}"
            L.append(f"| {LABELS[m]} | {r['bin']} | {r['n']} | {f3(r['mean_p'])} | {f3(r['observed'])} | {diff} |")
    L += ["", "## Is the reliability table more than chance?", "",
          "Outcomes redrawn 10,000 times as Bernoulli(P) — what each method's own P(meet) would see if "
          "every one were exactly right — on the same bins. *worst bin*: the largest |observed − mean P| "
          f"over bins of ≥ {RELIABILITY_MIN_BIN} cases; *chance*: the share of redraws at least that far off "
          "(small: more than chance); *a perfect forecaster meets ±0.06*: the share of redraws with every "
          "such bin within ±0.06, on all cases and on 600 cases drawn at random (issue 10's size); "
          "Hosmer–Lemeshow χ² over the ten bins.", "",
          "| method | worst bin | chance | perfect meets ±0.06 | … on 600 cases | HL χ² (df) | HL p |",
          "|---|---:|---:|---:|---:|---:|---:|"]
    for m in ms:
        c = scores[m].get("calibration")
        if not c:
            continue
        L.append(f"| {LABELS[m]} | {c['worst_bin']:.3f} | {c['p_worst']:.3f} | {c['perfect_meets_goal']:.3f} | "
                 f"{c['perfect_meets_goal_subsample']:.3f} | {c['hosmer_lemeshow']:.1f} ({c['hl_df']}) | "
                 f"{f3(c['hl_p'])} |")
    L += ["", "## Interval coverage by horizon (nominal 0.80 / 0.95)", "",
          "| h | " + " | ".join(f"{LABELS[m]} 80% | 95%" for m in ms) + " | n (plancast) |",
          "|---:|" + "---:|---:|" * len(ms) + "---:|"]
    for j in range(MAX_H + 1):
        cells = []
        for m in ms:
            r = scores[m]["coverage"][j]
            cells += [f3(r["cov80"]), f3(r["cov95"])]
        L.append(f"| {scores[ms[0]]['coverage'][j]['h']} | " + " | ".join(cells) +
                 f" | {scores[ms[0]]['coverage'][j]['n']} |")
    notes = meta.get("notes", [])
    if notes:
        L += ["", "## Notes", ""] + [f"- {x}" for x in notes]
    return "\n".join(L) + "\n"


def reliability_svg(scores, title):
    """A self-contained SVG reliability diagram with a bin-count panel below it."""
    colors = {"plancast": "#d62728", "rw_drift": "#1f77b4", "autoets": "#2ca02c", "autotheta": "#9467bd"}
    marks = {"plancast": "circle", "rw_drift": "square", "autoets": "diamond", "autotheta": "triangle"}
    x0, y0, pw, ph = 80, 50, 440, 360           # main plot
    cy0, ch = y0 + ph + 80, 100                 # count panel
    W, H = 860, cy0 + ch + 40
    X = lambda v: x0 + v * pw
    Y = lambda v: y0 + (1 - v) * ph

    def marker(kind, x, y, c):
        if kind == "circle":
            return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4.5" fill="{c}"/>'
        if kind == "square":
            return f'<rect x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8" fill="{c}"/>'
        if kind == "diamond":
            return f'<path d="M{x:.1f} {y - 5.5:.1f} L{x + 5.5:.1f} {y:.1f} L{x:.1f} {y + 5.5:.1f} L{x - 5.5:.1f} {y:.1f} Z" fill="{c}"/>'
        return f'<path d="M{x:.1f} {y - 5.5:.1f} L{x + 5:.1f} {y + 4:.1f} L{x - 5:.1f} {y + 4:.1f} Z" fill="{c}"/>'

    s = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" viewBox="0 0 {W} {H}" '
         'font-family="DejaVu Sans, Arial, sans-serif" font-size="12">',
         f'<rect width="{W}" height="{H}" fill="white"/>',
         f'<text x="{W / 2:.0f}" y="26" text-anchor="middle" font-size="15" font-weight="bold">{title}</text>']
    for i in range(11):
        v = i / 10
        s.append(f'<line x1="{X(v):.1f}" y1="{y0}" x2="{X(v):.1f}" y2="{y0 + ph}" stroke="#e5e5e5"/>')
        s.append(f'<line x1="{x0}" y1="{Y(v):.1f}" x2="{x0 + pw}" y2="{Y(v):.1f}" stroke="#e5e5e5"/>')
        s.append(f'<text x="{X(v):.1f}" y="{y0 + ph + 16}" text-anchor="middle">{v:.1f}</text>')
        s.append(f'<text x="{x0 - 8}" y="{Y(v) + 4:.1f}" text-anchor="end">{v:.1f}</text>')
    s.append(f'<rect x="{x0}" y="{y0}" width="{pw}" height="{ph}" fill="none" stroke="#333"/>')
    s.append(f'<line x1="{X(0)}" y1="{Y(0)}" x2="{X(1)}" y2="{Y(1)}" stroke="#555" stroke-dasharray="6 4"/>')
    s.append(f'<text x="{x0 + pw / 2}" y="{y0 + ph + 36}" text-anchor="middle">predicted P(meet) (bin mean)</text>')
    s.append(f'<text transform="translate({x0 - 50},{y0 + ph / 2}) rotate(-90)" text-anchor="middle">'
             'observed frequency of met targets</text>')
    ms = list(scores)
    for m in ms:
        pts = [(r["mean_p"], r["observed"]) for r in scores[m]["reliability"] if r["n"] > 0]
        if not pts:
            continue
        c = colors.get(m, "#000")
        s.append('<polyline fill="none" stroke-width="2" stroke="%s" points="%s"/>' % (
            c, " ".join(f"{X(a):.1f},{Y(b):.1f}" for a, b in pts)))
        s += [marker(marks.get(m, "circle"), X(a), Y(b), c) for a, b in pts]
    # legend
    lx, ly = x0 + pw + 20, y0 + 10
    s.append(f'<text x="{lx}" y="{ly}" font-weight="bold">method (n, Brier skill)</text>')
    for i, m in enumerate(ms):
        c = colors.get(m, "#000")
        yy = ly + 22 + 22 * i
        sk = scores[m]["all"].get("brier_skill")
        nm = scores[m]["all"]["n"]
        s.append(f'<line x1="{lx}" y1="{yy - 4}" x2="{lx + 26}" y2="{yy - 4}" stroke="{c}" stroke-width="2"/>')
        s.append(marker(marks.get(m, "circle"), lx + 13, yy - 4, c))
        s.append(f'<text x="{lx + 34}" y="{yy}">{LABELS[m]} ({nm}, {f3(sk, 2) or "–"})</text>')
    s.append(f'<line x1="{lx}" y1="{ly + 22 + 22 * len(ms) - 4}" x2="{lx + 26}" y2="{ly + 22 + 22 * len(ms) - 4}" '
             'stroke="#555" stroke-dasharray="6 4"/>')
    s.append(f'<text x="{lx + 34}" y="{ly + 22 + 22 * len(ms)}">perfect calibration</text>')
    # bin counts: grouped bars per bin
    maxn = max([r["n"] for m in ms for r in scores[m]["reliability"]] + [1])
    s.append(f'<text x="{x0 + pw / 2}" y="{cy0 - 8}" text-anchor="middle">number of targets per bin of predicted P '
             f'(max {maxn})</text>')
    s.append(f'<rect x="{x0}" y="{cy0}" width="{pw}" height="{ch}" fill="none" stroke="#333"/>')
    s.append(f'<text x="{x0 - 8}" y="{cy0 + ch + 4}" text-anchor="end">0</text>')
    s.append(f'<text x="{x0 - 8}" y="{cy0 + 10}" text-anchor="end">{maxn}</text>')
    s.append(f'<text transform="translate({x0 - 50},{cy0 + ch / 2}) rotate(-90)" text-anchor="middle">targets</text>')
    bw = pw / 10 / (len(ms) + 1)
    for j in range(10):
        for i, m in enumerate(ms):
            nb = scores[m]["reliability"][j]["n"]
            hgt = ch * nb / maxn
            s.append(f'<rect x="{X(j / 10) + bw * (i + 0.5):.1f}" y="{cy0 + ch - hgt:.1f}" width="{bw:.1f}" '
                     f'height="{hgt:.1f}" fill="{colors.get(m, "#000")}"><title>{LABELS[m]} {j / 10:.1f}-'
                     f'{(j + 1) / 10:.1f}: {nb}</title></rect>')
        s.append(f'<text x="{X(j / 10 + 0.05):.1f}" y="{cy0 + ch + 14}" text-anchor="middle" font-size="10">'
                 f'{j / 10:.1f}–{(j + 1) / 10:.1f}</text>')
    s.append(f'<text x="{x0 + pw / 2}" y="{cy0 + ch + 32}" text-anchor="middle">bin of predicted P(meet)</text>')
    s.append("</svg>")
    return "\n".join(s) + "\n"


# ───────────────────────────────────────────────────────────────────────── main
def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog="See the module docstring (or README.md next to this file) for definitions.")
    ap.add_argument("--half", choices=("tune", "report", "all"), default="report")
    ap.add_argument("--cases", type=int, help="cases per half (default 2000; 300 with --quick)")
    ap.add_argument("--quick", action="store_true", help="300 cases per half and no StatsForecast peers")
    ap.add_argument("--model", default="auto", help="plancast model for every indicator (default auto)")
    ap.add_argument("--seed", type=int, default=20240610, help="seed for cutting cases and for peer paths")
    ap.add_argument("--draws", type=int, default=10000, help="plancast simulation draws (simulation.draws)")
    ap.add_argument("--plancast", default=os.environ.get("PLANCAST", str(ROOT / ".build/release/plancast")),
                    help="plancast binary (default $PLANCAST, else .build/release/plancast)")
    ap.add_argument("--out", default="/tmp/plancast-planning", help="output folder")
    ap.add_argument("--svg", help="reliability diagram (default OUT/reliability.svg)")
    ap.add_argument("--json-cases", help="write the cases (history, target, future actuals) as JSON here")
    ap.add_argument("--no-statsforecast", action="store_true", help="skip the AutoETS and AutoTheta peers")
    ap.add_argument("--preset", choices=sorted(PRESETS), help="cut only cases like issue 10's: k 4–10 consecutive, h 5, level")
    args = ap.parse_args(argv)
    n_cases = args.cases if args.cases is not None else (300 if args.quick else 2000)
    if n_cases < 1:
        ap.error("--cases must be at least 1")
    use_sf = not (args.quick or args.no_statsforecast)
    if args.preset:
        CUT.update(PRESETS[args.preset])
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    all_series = {}
    for src in SOURCES:
        for sid, v in load_source(src).items():
            all_series[(src, sid)] = v
    halves = ("tune", "report") if args.half == "all" else (args.half,)
    cases, not_cut = [], 0
    for hf in halves:
        cs, nc = cut_half(all_series, hf, n_cases, args.seed)
        cases += cs
        not_cut += nc
    for i, c in enumerate(cases):
        c["id"] = f"c{i + 1:04d}"
        c["outcome"] = outcome(c)
    n = len(cases)
    n_series = len({(c["source"], c["series_id"]) for c in cases})
    log(f"{n} cases from {n_series} series (half {args.half}); {not_cut} could not be cut")
    if args.json_cases:
        Path(args.json_cases).parent.mkdir(parents=True, exist_ok=True)
        keys = ("id", "source", "series_id", "half", "origin_t", "k", "gapped", "kind", "h", "target_year",
                "target", "history_years", "history_values", "future_years", "future_values", "outcome")
        with open(args.json_cases, "w") as fh:
            json.dump({"origin_year": ORIGIN_YEAR, "base_year": ORIGIN_YEAR, "horizon": ORIGIN_YEAR + MAX_H,
                       "comparison": "at_least", "seed": args.seed, "half": args.half,
                       "cases": [{k: c[k] for k in keys} for c in cases]}, fh, indent=1)
        log(f"wrote {args.json_cases}")

    preds, ivs, infos, times = {}, {}, {}, {}
    ok = True
    yaml_path = write_scenario(cases, out / "scenario", args.model, args.draws, args.seed, args.half)
    p, iv, info = run_plancast(cases, args.plancast, yaml_path, out / "plancast")
    preds["plancast"], ivs["plancast"], infos["plancast"] = p, iv, info
    times["plancast"] = info["wall_seconds"]
    ok &= info["exit_status"] == 0
    log(f"plancast: {info['wall_seconds']:.2f} s, {len(info['missing'])} targets without p_meet")

    t0 = time.perf_counter()
    preds["rw_drift"], ivs["rw_drift"], infos["rw_drift"] = rw_drift(cases, args.seed)
    times["rw_drift"] = time.perf_counter() - t0
    log(f"rw_drift: {times['rw_drift']:.2f} s")

    if use_sf:
        try:
            t0 = time.perf_counter()
            import statsforecast  # noqa: F401
            import_s = time.perf_counter() - t0
        except ImportError as e:
            log(f"statsforecast is missing ({e}); `pip install statsforecast`. AutoETS/AutoTheta: all failed.")
            import_s = None
            ok = False
        for m in ("autoets", "autotheta"):
            if import_s is None:
                preds[m], ivs[m] = np.full(n, np.nan), np.full((n, MAX_H, 4), np.nan)
                infos[m] = {"failures": {"statsforecast not installed": n}, "n_failed": n}
                continue
            t0 = time.perf_counter()
            preds[m], ivs[m], infos[m] = statsforecast_peer(cases, m, args.seed)
            times[m] = time.perf_counter() - t0
            infos[m]["import_seconds"] = import_s
            log(f"{m}: {times[m]:.2f} s, {infos[m]['n_failed']} failed {infos[m]['failures']}")

    scores, n_common = score_all(cases, preds, ivs)
    notes = []
    mi = infos["plancast"]
    if mi["exit_status"] != 0:
        notes.append(f"plancast run FAILED (exit {mi['exit_status']}): {mi['stderr_tail'][-300:]}")
    if mi.get("missing"):
        from collections import Counter
        cnt = Counter(x["status"] for x in mi["missing"])
        notes.append(f"plancast: {len(mi['missing'])} targets without p_meet, by status: {dict(cnt)}; "
                     f"first: {mi['missing'][0]}")
    if "status_counts" in mi:
        notes.append(f"plancast status counts (baseline): {mi['status_counts']}")
    for m in ("autoets", "autotheta"):
        if m in infos and infos[m].get("n_failed"):
            notes.append(f"{LABELS[m]}: {infos[m]['n_failed']} cases failed: {infos[m]['failures']}")
        if m in infos and infos[m].get("sd_not_increasing"):
            notes.append(f"{LABELS[m]}: {infos[m]['sd_not_increasing']} cases with an 80% width that shrinks "
                         "somewhere along the horizon (path variance kept at the running maximum there)")
    if "autoets" in infos and "import_seconds" in infos["autoets"]:
        notes.append(f"StatsForecast import: {infos['autoets']['import_seconds']:.2f} s (not in the peers' times); "
                     "peer times are fit + forecast + probabilities in this process; plancast's is the wall "
                     "time of the whole `plancast run` process.")
    by_src = {}
    for c in cases:
        by_src[c["source"]] = by_src.get(c["source"], 0) + 1
    meta = {"half": args.half, "n_cases": n, "n_series": n_series, "n_by_source": by_src, "seed": args.seed,
            "model": args.model, "draws": args.draws, "base_rate": float(np.mean([c["outcome"] for c in cases])),
            "n_common": n_common, "not_cut": not_cut, "times": times, "notes": notes,
            "plancast": {k: v for k, v in mi.items() if k != "missing"},
            "plancast_missing": mi.get("missing", []),
            "peers": {m: infos[m] for m in infos if m != "plancast"},
            "n_by_kind": {k: sum(c["kind"] == k for c in cases) for k in KINDS},
            "n_gapped": sum(c["gapped"] for c in cases)}
    md = tables_md(scores, meta)
    (out / "tables.md").write_text(md)
    with open(out / "scores.json", "w") as fh:
        json.dump({"meta": meta, "scores": scores}, fh, indent=1)
    with open(out / "predictions.csv", "w", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["case", "source", "series_id", "k", "gapped", "kind", "h", "target", "outcome"] + list(preds))
        for i, c in enumerate(cases):
            w.writerow([c["id"], c["source"], c["series_id"], c["k"], int(c["gapped"]), c["kind"], c["h"],
                        repr(c["target"]), c["outcome"]] + ["" if np.isnan(preds[m][i]) else f"{preds[m][i]:.6g}"
                                                            for m in preds])
    svg = Path(args.svg) if args.svg else out / "reliability.svg"
    svg.parent.mkdir(parents=True, exist_ok=True)
    svg.write_text(reliability_svg(scores, f"Reliability of P(meet): {n} planning cases, half {args.half}"))
    print(md)
    log(f"wrote {out / 'tables.md'}, {out / 'scores.json'}, {out / 'predictions.csv'}, {svg}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

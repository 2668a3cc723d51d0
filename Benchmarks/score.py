#!/usr/bin/env python3
"""Score a forecast file against a held-out test set (M3/M4 conventions).

Usage:
    python3 Benchmarks/score.py --train TRAIN.csv --test TEST.csv \
        --forecasts FORECASTS.csv [--name NAME] [--json] [--header] [--m 1]

Input formats
    train / test : long format  `series_id,t,value`
    forecasts    : `series_id,t,model,mean,lo80,hi80,lo95,hi95`
                   (the format `plancast forecast` writes; t continues the
                   series' own t, so test and forecast rows join on (series_id, t)).
                   The `model` column is informational: a file holding several
                   models per (series_id, t) is rejected (pass one model per file).

Measures (see shared/data/README.md section 4; M4 "Benchmarks and Evaluation.R")
    sMAPE  mean over series x horizon of 200|y-f|/(|y|+|f|)  (percent)
    MASE   mean over series of mean_h |y-f| / scale,
           scale = in-sample mean |x_i - x_{i-m}|  (m = 1 for yearly data)
    OWA    dataset level: 0.5 * (sMAPE/sMAPE_Naive2 + MASE/MASE_Naive2);
           Naive2 is computed here from train (for yearly data, m = 1, it is
           the last observed value; for m > 1 this script still uses the plain
           last value, i.e. Naive1, and says so in the JSON output)
    cov80 / cov95  share of test values with lo <= y <= hi
    MSIS   mean over series of mean_h (U-L + 2/a (L-y)1{y<L} + 2/a (y-U)1{y>U}) / scale,
           a = 0.05, using the 95% interval and the MASE scale

Every (series, t) in the test set must have exactly one forecast row, and every
series in the test set must be in train; otherwise the script exits with status 2
and a message naming the first offenders. Forecast rows for (series, t) not in
the test set are ignored with a warning on stderr.

Only the Python standard library and numpy are used.
"""

import argparse
import csv
import json
import math
import sys
from collections import defaultdict

import numpy as np

ALPHA = 0.05


def die(msg):
    print(f"score.py: error: {msg}", file=sys.stderr)
    sys.exit(2)


def _float(s, where):
    try:
        v = float(s)
    except (TypeError, ValueError):
        die(f"{where}: not a number: {s!r}")
    return v


def _int_t(s, where):
    try:
        f = float(s)
    except (TypeError, ValueError):
        die(f"{where}: t is not a number: {s!r}")
    if not math.isfinite(f) or f != int(f):
        die(f"{where}: t is not an integer: {s!r}")
    return int(f)


def _open_rows(path, required):
    try:
        fh = open(path, newline="")
    except OSError as e:
        die(f"cannot open {path}: {e}")
    reader = csv.DictReader(fh)
    if reader.fieldnames is None:
        die(f"{path}: empty file")
    fields = [f.strip() for f in reader.fieldnames]
    reader.fieldnames = fields
    missing = [c for c in required if c not in fields]
    if missing:
        die(f"{path}: missing column(s) {missing}; header is {fields}")
    return fh, reader


def read_long(path):
    """series_id -> list of (t, value), sorted by t."""
    fh, reader = _open_rows(path, ["series_id", "t", "value"])
    out = defaultdict(list)
    with fh:
        for i, row in enumerate(reader, start=2):
            where = f"{path}:{i}"
            out[row["series_id"]].append(
                (_int_t(row["t"], where), _float(row["value"], where)))
    for sid, rows in out.items():
        rows.sort()
        ts = [t for t, _ in rows]
        if len(set(ts)) != len(ts):
            die(f"{path}: series {sid} has duplicate t values")
    return out


FC_COLS = ["mean", "lo80", "hi80", "lo95", "hi95"]


def read_forecasts(path):
    """(series_id, t) -> dict of FC_COLS; also returns the set of model names."""
    fh, reader = _open_rows(path, ["series_id", "t"] + FC_COLS)
    out = {}
    models = set()
    with fh:
        for i, row in enumerate(reader, start=2):
            where = f"{path}:{i}"
            key = (row["series_id"], _int_t(row["t"], where))
            if key in out:
                die(f"{path}: duplicate forecast for series {key[0]} t={key[1]} "
                    f"(one model per file)")
            vals = {c: _float(row[c], where) for c in FC_COLS}
            for c, v in vals.items():
                if not math.isfinite(v):
                    die(f"{where}: {c} is not finite ({row[c]!r})")
            out[key] = vals
            if row.get("model"):
                models.add(row["model"])
    return out, models


def scale_of(x, m):
    x = np.asarray(x, dtype=float)
    if len(x) <= m:
        return float("nan")
    return float(np.mean(np.abs(x[m:] - x[:-m])))


def smape_vec(y, f):
    denom = np.abs(y) + np.abs(f)
    with np.errstate(divide="ignore", invalid="ignore"):
        r = np.where(denom == 0, 0.0, 200.0 * np.abs(y - f) / denom)
    return r


def score(train, test, fc, m=1):
    missing_series = sorted(set(test) - set(train))
    if missing_series:
        die(f"{len(missing_series)} test series not in train, e.g. {missing_series[:5]}")

    missing = []
    used = set()
    s_sm, s_ma, s_sm_n2, s_ma_n2, s_msis = [], [], [], [], []
    in80 = in95 = n_points = 0
    bad_scale = []
    for sid in sorted(test):
        x = [v for _, v in train[sid]]
        rows = test[sid]
        y = np.array([v for _, v in rows])
        ts = [t for t, _ in rows]
        got = []
        for t in ts:
            r = fc.get((sid, t))
            if r is None:
                missing.append((sid, t))
            else:
                got.append(r)
                used.add((sid, t))
        if len(got) != len(ts):
            continue
        f = np.array([r["mean"] for r in got])
        lo80 = np.array([r["lo80"] for r in got])
        hi80 = np.array([r["hi80"] for r in got])
        lo95 = np.array([r["lo95"] for r in got])
        hi95 = np.array([r["hi95"] for r in got])

        sc = scale_of(x, m)
        if not (sc > 0):
            bad_scale.append(sid)
        naive2 = np.full(len(y), x[-1])

        s_sm.append(np.mean(smape_vec(y, f)))
        s_sm_n2.append(np.mean(smape_vec(y, naive2)))
        s_ma.append(np.mean(np.abs(y - f)) / sc)
        s_ma_n2.append(np.mean(np.abs(y - naive2)) / sc)
        width = hi95 - lo95
        pen = (2.0 / ALPHA) * ((lo95 - y) * (y < lo95) + (y - hi95) * (y > hi95))
        s_msis.append(np.mean(width + pen) / sc)
        in80 += int(np.sum((y >= lo80) & (y <= hi80)))
        in95 += int(np.sum((y >= lo95) & (y <= hi95)))
        n_points += len(y)

    if missing:
        sids = sorted({s for s, _ in missing})
        ex = ", ".join(f"{s}@t={t}" for s, t in missing[:8])
        die(f"forecasts missing for {len(missing)} (series, t) pairs in "
            f"{len(sids)} series, e.g. {ex}")
    if bad_scale:
        die(f"{len(bad_scale)} series have zero/undefined MASE scale, e.g. {bad_scale[:5]}")

    extra = len(fc) - len(used)
    if extra:
        print(f"score.py: warning: {extra} forecast rows not in the test set were ignored",
              file=sys.stderr)

    smape = float(np.mean(s_sm))
    mase = float(np.mean(s_ma))
    smape_n2 = float(np.mean(s_sm_n2))
    mase_n2 = float(np.mean(s_ma_n2))
    return {
        "series": len(s_sm),
        "points": n_points,
        "sMAPE": smape,
        "MASE": mase,
        "OWA": 0.5 * (smape / smape_n2 + mase / mase_n2),
        "cov80": in80 / n_points,
        "cov95": in95 / n_points,
        "MSIS": float(np.mean(s_msis)),
        "naive2_sMAPE": smape_n2,
        "naive2_MASE": mase_n2,
        "naive2_is": "last value" + ("" if m == 1 else " (Naive1; no seasonal adjustment)"),
        "m": m,
    }


HEADER = "name\tsMAPE\tMASE\tOWA\tcov80\tcov95\tMSIS"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--train", required=True)
    ap.add_argument("--test", required=True)
    ap.add_argument("--forecasts", required=True)
    ap.add_argument("--name", default=None,
                    help="row label (default: the model column, else the file name)")
    ap.add_argument("--m", type=int, default=1, help="MASE seasonal lag (1 for yearly)")
    ap.add_argument("--json", action="store_true", help="print JSON instead of a TSV row")
    ap.add_argument("--header", action="store_true", help="print a TSV header line first")
    a = ap.parse_args(argv)

    train = read_long(a.train)
    test = read_long(a.test)
    fc, models = read_forecasts(a.forecasts)
    res = score(train, test, fc, m=a.m)
    name = a.name or (",".join(sorted(models)) if models else a.forecasts)
    res = {"name": name, **res}
    if a.json:
        print(json.dumps(res, indent=None))
    else:
        if a.header:
            print(HEADER)
        print(f"{name}\t{res['sMAPE']:.2f}\t{res['MASE']:.3f}\t{res['OWA']:.3f}\t"
              f"{res['cov80']:.3f}\t{res['cov95']:.3f}\t{res['MSIS']:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

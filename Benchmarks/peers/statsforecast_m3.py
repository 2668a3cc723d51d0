#!/usr/bin/env python3
"""Nixtla StatsForecast peers for the M3-yearly benchmark.

Usage: python3 Benchmarks/peers/statsforecast_m3.py TRAIN.csv OUTDIR [autoets|autotheta|both] [H]

Reads long-format `series_id,t,value` and fits, per series,
    autoets   : AutoETS(season_length=1)    -> OUTDIR/sf_autoets.csv   (model "AutoETS")
    autotheta : AutoTheta(season_length=1)  -> OUTDIR/sf_autotheta.csv (model "AutoTheta")
with StatsForecast(freq=1, n_jobs=N).forecast(df, h=H, level=[80, 95]).
The time index is the series' own integer t used directly as `ds` (freq=1), so the
forecast `ds` is already the continuing t. Default: both models, H = 6.
N = $SF_N_JOBS, default 1 (single process, the StatsForecast default); the benchmark
table is measured with n_jobs=1.
Output header: series_id,t,model,mean,lo80,hi80,lo95,hi95
"""
import os
import sys
import time

import pandas as pd
from statsforecast import StatsForecast
from statsforecast.models import AutoETS, AutoTheta


def main():
    if len(sys.argv) < 3 or len(sys.argv) > 5:
        sys.exit(__doc__)
    train, outdir = sys.argv[1], sys.argv[2]
    which = sys.argv[3] if len(sys.argv) >= 4 else "both"
    h = int(sys.argv[4]) if len(sys.argv) >= 5 else 6
    n_jobs = int(os.environ.get("SF_N_JOBS", "1"))
    choices = {
        "autoets": ("AutoETS", lambda: AutoETS(season_length=1)),
        "autotheta": ("AutoTheta", lambda: AutoTheta(season_length=1)),
    }
    if which == "both":
        names = ["autoets", "autotheta"]
    elif which in choices:
        names = [which]
    else:
        sys.exit("model must be autoets, autotheta or both")
    os.makedirs(outdir, exist_ok=True)

    d = pd.read_csv(train, dtype={"series_id": str})
    df = pd.DataFrame({
        "unique_id": d["series_id"],
        "ds": d["t"].astype("int64"),
        "y": d["value"].astype("float64"),
    }).sort_values(["unique_id", "ds"], kind="stable")

    for key in names:
        col, make = choices[key]
        t0 = time.perf_counter()
        sf = StatsForecast(models=[make()], freq=1, n_jobs=n_jobs)
        fc = sf.forecast(df=df, h=h, level=[80, 95])
        fc = fc.reset_index() if "unique_id" not in fc.columns else fc
        out = pd.DataFrame({
            "series_id": fc["unique_id"].astype(str),
            "t": fc["ds"].astype("int64"),
            "model": col,
            "mean": fc[col],
            "lo80": fc[f"{col}-lo-80"],
            "hi80": fc[f"{col}-hi-80"],
            "lo95": fc[f"{col}-lo-95"],
            "hi95": fc[f"{col}-hi-95"],
        })
        path = os.path.join(outdir, f"sf_{key}.csv")
        out.to_csv(path, index=False, float_format="%.17g")
        print(f"wrote {path} ({out['series_id'].nunique()} series, h={h}, "
              f"n_jobs={n_jobs}, fit+forecast {time.perf_counter() - t0:.2f}s)",
              file=sys.stderr)


if __name__ == "__main__":
    main()

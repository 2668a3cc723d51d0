#!/usr/bin/env python3
"""Reference fits of saturating trends with an unknown cap, for plancast's tests.

Model (the convention plancast uses): t_c = year - mean(years);
  logistic  y = K / (1 + exp(-(a + b t_c)))
  gompertz  y = K * exp(-exp(-(a + b t_c)))
Fitted by scipy.optimize.least_squares (method 'lm', MINPACK) from several starts, tightest tolerances;
the best sum of squares is kept. Standard errors: sqrt(diag(s^2 (J^T J)^-1)), s^2 = RSS / (n - 3).

Series: two synthetic series generated once with numpy.random.default_rng(20261127) (normal noise
added to the stated curves, logistic first, then Gompertz) and written out below to 12 significant
digits, so this file does not depend on numpy's generator. Regenerate:
    python3 Tests/Data/scipy/make_saturating_references.py
"""
import json
import numpy as np
import scipy
from scipy.optimize import least_squares

SERIES = {
    # logistic K=181, a=-0.4, b=0.35 plus N(0, 2.5) noise, years 2008..2024 with gaps
    "communes_like": {
        "years": [2008, 2009, 2010, 2012, 2013, 2014, 2015, 2016, 2018, 2019, 2020, 2021, 2022, 2024],
        "values": [4.40660949954, 11.8237839136, 13.4564856036, 30.6129061312, 34.357025812, 51.9926356369, 60.4834487539, 75.7547562868, 106.123610974, 121.552362058, 134.232603902, 148.486388532, 155.433949258, 166.789807161],
    },
    # gompertz K=70, a=0.1, b=0.22 plus N(0, 0.6) noise, years 2005..2022
    "cover_like": {
        "years": list(range(2005, 2023)),
        "values": [0.199449685091, 0.218569272579, 2.73506399456, 3.41121034814, 6.93070830792, 10.0442343857, 15.4406774201, 19.9841680467, 25.5288424045, 31.9674685192, 36.6587478805, 41.1469470422, 45.6514122051, 49.2915411011, 53.0109707158, 56.4826650623, 59.648727108, 61.4347115429],
    },
}


def model(kind, theta, t):
    a, b, k = theta
    eta = a + b * t
    return k / (1 + np.exp(-eta)) if kind == "logistic" else k * np.exp(-np.exp(-eta))


def fit(kind, years, values):
    t = np.array(years, float) - np.mean(years)
    y = np.array(values, float)
    best = None
    for factor in [1.05, 1.2, 1.5, 2.0, 3.0]:
        k0 = y.max() * factor
        z = np.log(y / (k0 - y)) if kind == "logistic" else -np.log(-np.log(y / k0))
        b0, a0 = np.polyfit(t, z, 1)
        r = least_squares(lambda th: y - model(kind, th, t), [a0, b0, k0], method="lm",
                          xtol=1e-15, ftol=1e-15, gtol=1e-15, max_nfev=100000)
        rss = float(np.sum(r.fun ** 2))
        if best is None or rss < best[1]:
            best = (r, rss)
    r, rss = best
    n = len(y)
    s2 = rss / (n - 3)
    j = r.jac
    cov = s2 * np.linalg.inv(j.T @ j)
    return {"center": float(np.mean(years)), "params": [float(v) for v in r.x],
            "bse": [float(v) for v in np.sqrt(np.diag(cov))], "rss": rss, "sigma": float(np.sqrt(s2))}


cases = []
for name, s in SERIES.items():
    for kind in ["logistic", "gompertz"]:
        cases.append({"name": f"{name}_{kind}", "kind": kind, "years": s["years"], "values": s["values"],
                      **fit(kind, s["years"], s["values"])})

out = {"generated_by": {"scipy": scipy.__version__, "numpy": np.__version__},
       "terms": ["intercept", "trend", "cap"], "cases": cases}
with open(__file__.replace("make_saturating_references.py", "saturating_references.json"), "w") as f:
    json.dump(out, f, indent=1)
    f.write("\n")

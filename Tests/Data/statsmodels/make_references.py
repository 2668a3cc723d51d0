#!/usr/bin/env python3
"""Independent reference values from statsmodels/scipy for plancast's trend-model tests.

Writes trend_references.json next to this file. Deterministic and self-contained:
every series is embedded below (origins cited), nothing is read at run time.

Regenerate from the repository root:

    python3 Tests/Data/statsmodels/make_references.py

Conventions (the Swift side uses exactly these):
  * t_c = year - center, center = unweighted arithmetic mean of the fitted years.
  * Columns, in the order listed in `terms`:
      intercept     1
      trend         t_c
      trend2        t_c**2
      step:B        1 if year >= B else 0
      hinge:B       max(0, year - B)          (raw year, not centred)
      pulse:Y1,Y2   1 if year in {Y1, Y2} else 0
  * response "level" fits y, "log" fits ln(y); every number in the JSON is on the
    fitting scale (log scale for "log").
  * Weighted cases are statsmodels WLS, Var(e_i) = sigma^2 / w_i. Predictions of
    new observations use weight 1 (prediction_weight: 1).
"""

import json
import math
import os
import sys

import numpy as np
import scipy
import scipy.stats as st
import statsmodels
import statsmodels.api as sm

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "trend_references.json")

# ---------------------------------------------------------------------------
# Series
# ---------------------------------------------------------------------------
# Lạng Sơn series: shared/data/langson/observations.csv (project data, each row carries
# a public source address and a verbatim quote). One value per year; where a year has
# several rows with different values the README's coverage table was followed
# ("GRDP per capita 2015e, 2018, 2020, 2023, 2024e, 2025e"): 2025 = 71.1 (estimate,
# 3 rows) rather than the single "about 71" row. `est` marks years whose only or
# chosen value is a year-end estimate ("ước"); such rows get weight 0.5 in the
# estimate-weighted cases.
SERIES = {
    "langson_grdp_per_capita": {
        "origin": "shared/data/langson/observations.csv, indicator grdp_per_capita (million VND)",
        "years": [2015, 2018, 2020, 2023, 2024, 2025],
        "values": [34.8, 34.59, 44.2, 59.8, 61.1, 71.1],
        "est": [True, False, False, False, True, True],
    },
    "langson_tourist_arrivals_total": {
        "origin": "shared/data/langson/observations.csv, indicator tourist_arrivals_total (visits)",
        "years": [2000, 2006, 2010, 2023, 2024, 2025],
        "values": [180000.0, 1142000.0, 1900000.0, 3900000.0, 4200000.0, 4400000.0],
        "est": [False, False, True, False, False, True],
    },
    # 2023 and 2025 have both an actual and an estimate row with the same value: actual.
    "langson_grdp_growth": {
        "origin": "shared/data/langson/observations.csv, indicator grdp_growth (%)",
        "years": [2015, 2020, 2022, 2023, 2024, 2025],
        "values": [9.67, 2.03, 7.22, 7.0, 6.01, 8.06],
        "est": [True, True, True, False, True, False],
    },
    # M3 competition yearly series (Makridakis & Hibon 2000), training part, as stored
    # in Tests/Data/m3/yearly_train.csv; start_year 1975 from yearly_series_info.csv.
    "m3_N0001": {
        "origin": "M3 yearly N0001 'SALES ( CODE= ABT)', Tests/Data/m3/yearly_train.csv t=1..14, start 1975",
        "years": list(range(1975, 1989)),
        "values": [940.66, 1084.86, 1244.98, 1445.02, 1683.17, 2038.15, 2342.52,
                   2602.45, 2927.87, 3103.96, 3360.27, 3807.63, 4387.88, 4936.99],
        "est": None,
    },
    "m3_N0002": {
        "origin": "M3 yearly N0002 'SALES ( CODE= AN )', Tests/Data/m3/yearly_train.csv t=1..14, start 1975",
        "years": list(range(1975, 1989)),
        "values": [1991.05, 2306.4, 2604.0, 2992.3, 3722.08, 5226.62, 5989.46,
                   5614.62, 5527.0, 5389.8, 5384.4, 3656.2, 4034.8, 4230.0],
        "est": None,
    },
    # Synthetic series, generated once with numpy (2.4.6) and written out with
    # format(x, '.15g'); the literals below are the data (the generator is only recorded):
    #   rng = np.random.default_rng(20250601)
    #   synth_quadratic: years 1995..2016 without 2003, 2011; t = year - 2005
    #       y = 50 + 2.5 t + 0.15 t^2 + 8 [year >= 2010] + N(0, 3)
    #   synth_exponential: years 2001..2020; y = 120 exp(0.06 (year-2001) - 0.25 [year >= 2015] + N(0, 0.04))
    #   synth_hinge: years 1990..2012; y = 20 + 1.2 (year-1990) + 2 max(0, year-2003) + N(0, 1.5)
    #   synth_pulse: years 2000..2018 without 2014; y = 30 + 0.8 (year-2000) - 6 [year in {2008, 2009}] + N(0, 1)
    #   (drawn in this order from the one generator)
    "synth_quadratic": {
        "origin": "synthetic, numpy default_rng(20250601), see comment",
        "years": [1995, 1996, 1997, 1998, 1999, 2000, 2001, 2002, 2004, 2005,
                  2006, 2007, 2008, 2009, 2010, 2012, 2013, 2014, 2015, 2016],
        "values": [35.8417264877981, 39.9380924192728, 36.1445351527528, 37.5261217654245,
                   39.4057280077973, 41.1283168883853, 42.0715801232928, 43.8371293920611,
                   43.1768103571719, 48.5105082736836, 54.5320384693184, 58.1128302077905,
                   58.8714088929098, 62.9749243972093, 74.9669734041407, 79.6543889185227,
                   89.836596049444, 93.0953104995983, 96.5286958013057, 98.5692016175518],
        "est": None,
    },
    "synth_exponential": {
        "origin": "synthetic, numpy default_rng(20250601), see comment",
        "years": list(range(2001, 2021)),
        "values": [124.494244861593, 130.480741744787, 136.273508209025, 151.146149127873,
                   159.219407198929, 162.624429344964, 168.542844673588, 195.902795202967,
                   202.808223715217, 204.283355584348, 224.599284066698, 220.066828453664,
                   260.959625105513, 259.151093782592, 222.879077062372, 234.269729006631,
                   260.194442291895, 260.603981362139, 258.957151593998, 304.64228475498],
        "est": None,
    },
    "synth_hinge": {
        "origin": "synthetic, numpy default_rng(20250601), see comment",
        "years": list(range(1990, 2013)),
        "values": [22.2964570842746, 22.3982408897443, 23.2615071770028, 24.8821948525044,
                   24.9081416441504, 27.043362685206, 28.3308562670502, 28.5012394364206,
                   30.9404967373004, 33.3366829210399, 31.9338060726698, 33.9739372677539,
                   35.7245592397132, 33.8922119850659, 39.837332230764, 42.3409803300243,
                   43.6992211345588, 48.5740562855276, 51.9070724841951, 52.7275224366985,
                   58.3289239508717, 59.0578215371077, 64.6957825185955],
        "est": None,
    },
    "synth_pulse": {
        "origin": "synthetic, numpy default_rng(20250601), see comment",
        "years": [2000, 2001, 2002, 2003, 2004, 2005, 2006, 2007, 2008,
                  2009, 2010, 2011, 2012, 2013, 2015, 2016, 2017, 2018],
        "values": [31.0704536480677, 31.1714431951305, 32.3451340412698, 32.2125138430329,
                   33.0104485522769, 32.9019329370476, 33.9398302758145, 35.77821526072,
                   28.6734592805749, 30.1108563702562, 36.5349785506989, 37.4355134498422,
                   39.3961908785391, 40.9363357604816, 43.144062409033, 41.6733482031279,
                   43.3581688056824, 46.1603283868394],
        "est": None,
    },
}

# ---------------------------------------------------------------------------
# Cases: (name, series, response, terms, weighting, in-sample prediction year or None)
#   The in-sample year is an observed year (default: the middle one); it is listed last
#   in predictions.years, after last_year + 1 ... last_year + 5.
#   weighting: None | "recent" (w = 0.8 ** (last_year - year)) | "estimate" (0.5 on est rows)
# ---------------------------------------------------------------------------
LIN = ["intercept", "trend"]
QUAD = ["intercept", "trend", "trend2"]
CASES = [
    # linear, level
    ("m3_N0001_linear", "m3_N0001", "level", LIN, None, None),
    ("m3_N0001_linear_recentw", "m3_N0001", "level", LIN, "recent", None),
    ("m3_N0002_linear_step1986", "m3_N0002", "level", LIN + ["step:1986"], None, None),
    ("m3_N0002_linear_step1986_recentw", "m3_N0002", "level", LIN + ["step:1986"], "recent", None),
    # quadratic, level (irregular years)
    ("synth_quadratic_quadratic", "synth_quadratic", "level", QUAD, None, 2004),
    ("synth_quadratic_quadratic_recentw", "synth_quadratic", "level", QUAD, "recent", 2004),
    ("synth_quadratic_quadratic_step2010", "synth_quadratic", "level", QUAD + ["step:2010"], None, 2010),
    ("synth_quadratic_quadratic_step2010_recentw", "synth_quadratic", "level", QUAD + ["step:2010"], "recent", 2010),
    # log-linear
    ("synth_exponential_loglinear", "synth_exponential", "log", LIN, None, None),
    ("synth_exponential_loglinear_recentw", "synth_exponential", "log", LIN, "recent", None),
    ("synth_exponential_loglinear_step2015", "synth_exponential", "log", LIN + ["step:2015"], None, None),
    ("synth_exponential_loglinear_step2015_recentw", "synth_exponential", "log", LIN + ["step:2015"], "recent", None),
    # hinge, pulse
    ("synth_hinge_linear_hinge2003", "synth_hinge", "level", LIN + ["hinge:2003"], None, 2005),
    ("synth_pulse_linear_pulse2008_2009", "synth_pulse", "level", LIN + ["pulse:2008,2009"], None, 2008),
    # real, short, irregular series
    ("langson_grdp_per_capita_linear", "langson_grdp_per_capita", "level", LIN, None, 2020),
    ("langson_grdp_per_capita_linear_estw", "langson_grdp_per_capita", "level", LIN, "estimate", 2020),
    ("langson_grdp_per_capita_loglinear_estw", "langson_grdp_per_capita", "log", LIN, "estimate", 2024),
    ("langson_tourist_arrivals_loglinear", "langson_tourist_arrivals_total", "log", LIN, None, 2010),
    ("langson_tourist_arrivals_loglinear_step2020_estw", "langson_tourist_arrivals_total", "log",
     LIN + ["step:2020"], "estimate", 2010),
    # pulse where only one of the two pulse years is observed (leverage 1 at 2020)
    ("langson_grdp_growth_linear_pulse2020_2021", "langson_grdp_growth", "level",
     LIN + ["pulse:2020,2021"], None, 2020),
    # log response with a quadratic trend, weighted
    ("m3_N0001_log_quadratic_recentw", "m3_N0001", "log", QUAD, "recent", None),
]

ALPHAS = [0.05, 0.20]
FRAME_COLS = ["mean", "mean_se", "mean_ci_lower", "mean_ci_upper", "obs_ci_lower", "obs_ci_upper"]


def design(years, terms, center):
    years = np.asarray(years, dtype=float)
    t = years - center
    cols = []
    for term in terms:
        if term == "intercept":
            cols.append(np.ones_like(years))
        elif term == "trend":
            cols.append(t)
        elif term == "trend2":
            cols.append(t * t)
        elif term.startswith("step:"):
            b = float(term[5:])
            cols.append((years >= b).astype(float))
        elif term.startswith("hinge:"):
            b = float(term[6:])
            cols.append(np.maximum(0.0, years - b))
        elif term.startswith("pulse:"):
            ys = [float(v) for v in term[6:].split(",")]
            cols.append(np.isin(years, ys).astype(float))
        else:
            raise ValueError(term)
    return np.column_stack(cols)


def weights_for(series, kind):
    years = series["years"]
    if kind is None:
        return None
    if kind == "recent":
        last = max(years)
        return [0.8 ** (last - y) for y in years]
    if kind == "estimate":
        return [0.5 if e else 1.0 for e in series["est"]]
    raise ValueError(kind)


def fl(a):
    return [float(x) for x in np.asarray(a, dtype=float).ravel()]


def run_case(name, skey, response, terms, wkind, in_sample):
    s = SERIES[skey]
    years = list(s["years"])
    values = list(s["values"])
    y = np.asarray(values, dtype=float)
    if response == "log":
        y = np.log(y)
    center = float(np.mean(np.asarray(years, dtype=float)))
    X = design(years, terms, center)
    w = weights_for(s, wkind)
    if w is None:
        res = sm.OLS(y, X).fit()
    else:
        res = sm.WLS(y, X, weights=np.asarray(w)).fit()

    # independent cross-check of the coefficients (QR on the sqrt-weighted system)
    sw = np.sqrt(np.asarray(w)) if w is not None else np.ones(len(y))
    q, r = np.linalg.qr(X * sw[:, None])
    beta_qr = np.linalg.solve(r, q.T @ (y * sw))
    scale_b = max(1.0, float(np.max(np.abs(beta_qr))))
    assert np.max(np.abs(beta_qr - res.params)) <= 1e-9 * scale_b, (name, beta_qr, res.params)

    last = max(years)
    pyears = [last + k for k in range(1, 6)]
    if in_sample is None:
        in_sample = years[len(years) // 2]
    assert in_sample in years, (name, in_sample)
    pyears.append(in_sample)
    Xp = design(pyears, terms, center)
    pred = res.get_prediction(Xp, weights=np.ones(len(pyears)))
    # same thing with statsmodels' default (weights=None -> 1 for new exog)
    pred_default = res.get_prediction(Xp)
    preds = {"years": pyears}
    for a in ALPHAS:
        fr = pred.summary_frame(alpha=a)
        fr_d = pred_default.summary_frame(alpha=a)
        assert np.allclose(fr.values, fr_d.values, rtol=0, atol=0)
        preds[f"alpha_{a:.2f}"] = {"alpha": a, **{c: fl(fr[c]) for c in FRAME_COLS}}

    return {
        "name": name,
        "series": skey,
        "origin": s["origin"],
        "years": years,
        "values": [float(v) for v in values],
        "weights": None if w is None else [float(v) for v in w],
        "weighting": wkind,
        "response": response,
        "terms": list(terms),
        "center": center,
        "nobs": int(res.nobs),
        "df_model": float(res.df_model),
        "df_resid": float(res.df_resid),
        "params": fl(res.params),
        "bse": fl(res.bse),
        "tvalues": fl(res.tvalues),
        "pvalues": fl(res.pvalues),
        "sigma": float(math.sqrt(res.scale)),
        "scale": float(res.scale),
        "rsquared": float(res.rsquared),
        "ssr": float(res.ssr),
        "llf": float(res.llf),
        "aic": float(res.aic),
        "bic": float(res.bic),
        "fittedvalues": fl(res.fittedvalues),
        "resid": fl(res.resid),
        "prediction_weight": 1,
        "predictions": preds,
    }


def student_t_refs():
    dfs = [1, 2, 3, 4, 5, 7, 10, 15, 30, 100, 1000]
    ps = [0.5, 0.6, 0.8, 0.9, 0.95, 0.975, 0.99, 0.995, 0.9995, 0.025, 0.1]
    xs = [-3.0, -1.0, 0.0, 0.5, 1.96, 4.0]
    out = []
    for d in dfs:
        out.append({
            "df": d,
            "ppf": [{"p": p, "q": float(st.t.ppf(p, d))} for p in ps],
            "cdf": [{"x": x, "p": float(st.t.cdf(x, d))} for x in xs],
        })
    return out


def normal_refs():
    ps = [1e-10, 1e-5, 0.001, 0.025, 0.1, 0.5, 0.9, 0.975, 0.999, 0.99999]
    return [{"p": p, "q": float(st.norm.ppf(p))} for p in ps]


def main():
    names = [c[0] for c in CASES]
    assert len(names) == len(set(names))
    doc = {
        "description": "Reference values for plancast trend models (OLS/WLS on a centred "
                       "time trend), computed with statsmodels; Student t and normal "
                       "quantiles from scipy.stats.",
        "generated_by": {
            "script": "Tests/Data/statsmodels/make_references.py",
            "python": sys.version.split()[0],
            "statsmodels": statsmodels.__version__,
            "scipy": scipy.__version__,
            "numpy": np.__version__,
        },
        "conventions": {
            "center": "arithmetic mean of the fitted years (unweighted); t_c = year - center",
            "terms": {
                "intercept": "1",
                "trend": "t_c",
                "trend2": "t_c^2",
                "step:B": "1 if year >= B else 0",
                "hinge:B": "max(0, year - B) (raw year)",
                "pulse:Y1,Y2": "1 if year in {Y1, Y2} else 0",
            },
            "response": "level: y; log: ln(y). All numbers on the fitting scale.",
            "weights": "WLS, Var(e_i) = sigma^2 / w_i; recent: 0.8^(last_year - year); "
                       "estimate: 0.5 on estimate rows, 1 otherwise",
            "prediction_weight": "new observations predicted with weight 1 "
                                 "(obs variance = scale + mean_se^2)",
            "statsmodels_definitions": {
                "sigma": "sqrt(scale), scale = ssr / df_resid",
                "ssr": "sum w_i resid_i^2 (weighted for WLS)",
                "rsquared": "1 - ssr / sum w_i (y_i - ybar_w)^2, ybar_w weighted mean",
                "llf": "-n/2 (log(2 pi ssr / n) + 1) + 1/2 sum log w_i",
                "aic": "-2 llf + 2 k, k = number of columns (sigma not counted)",
                "bic": "-2 llf + log(n) k",
                "resid": "y - X b (unweighted)",
                "pvalues": "two-sided, Student t with df_resid",
                "intervals": "Student t with df_resid; alpha_0.05 = 95%, alpha_0.20 = 80%",
            },
        },
        "cases": [run_case(*c) for c in CASES],
        "student_t": student_t_refs(),
        "normal": normal_refs(),
    }
    text = json.dumps(doc, indent=1, allow_nan=False)
    with open(OUT, "w", encoding="utf-8") as f:
        f.write(text + "\n")
    print(f"wrote {OUT}: {len(doc['cases'])} cases, {len(text)} bytes")


if __name__ == "__main__":
    main()

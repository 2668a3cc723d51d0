#!/usr/bin/env Rscript
# R forecast-package peers for the M3-yearly benchmark.
#
# Usage: Rscript Benchmarks/peers/r_forecast.R TRAIN.csv OUTDIR [ets|thetaf|both] [H]
#
# Reads long-format `series_id,t,value`, and for every series y = ts(values, frequency = 1):
#   ets    : fit <- forecast::ets(y); forecast(fit, h = H, level = c(80, 95))
#   thetaf : forecast::thetaf(y, h = H, level = c(80, 95))
# Writes OUTDIR/r_ets.csv and/or OUTDIR/r_thetaf.csv with header
#   series_id,t,model,mean,lo80,hi80,lo95,hi95
# (t continues each series' own t; model is "ets" / "thetaf"). Default: both, H = 6.
# Everything is the package default (ets: model "ZZZ", AICc selection, damped tried;
# thetaf: classic Theta = SES with drift, no seasonal test for frequency 1).
# Single-threaded. run_peers.sh runs each model as its own process to time it.

suppressPackageStartupMessages(library(forecast))

args <- commandArgs(trailingOnly = TRUE)
if (length(args) < 2 || length(args) > 4) {
  stop("usage: r_forecast.R TRAIN.csv OUTDIR [ets|thetaf|both] [H]")
}
train_path <- args[1]
outdir <- args[2]
which_models <- if (length(args) >= 3) args[3] else "both"
h <- if (length(args) >= 4) as.integer(args[4]) else 6L
models <- switch(which_models,
                 both = c("ets", "thetaf"),
                 ets = "ets",
                 thetaf = "thetaf",
                 stop("model must be ets, thetaf or both"))
dir.create(outdir, showWarnings = FALSE, recursive = TRUE)

d <- read.csv(train_path, colClasses = c("character", "numeric", "numeric"))
d <- d[order(d$series_id, d$t), ]
groups <- split(d, d$series_id)
ids <- names(groups)

run_model <- function(model) {
  n <- length(ids)
  sid <- rep(ids, each = h)
  tt <- numeric(n * h)
  out <- matrix(NA_real_, nrow = n * h, ncol = 5,
                dimnames = list(NULL, c("mean", "lo80", "hi80", "lo95", "hi95")))
  for (i in seq_len(n)) {
    g <- groups[[i]]
    y <- ts(g$value, frequency = 1)
    fc <- if (model == "ets") {
      forecast(ets(y), h = h, level = c(80, 95))
    } else {
      thetaf(y, h = h, level = c(80, 95))
    }
    rows <- ((i - 1) * h + 1):(i * h)
    tt[rows] <- max(g$t) + seq_len(h)
    lo <- as.matrix(fc$lower)
    hi <- as.matrix(fc$upper)
    out[rows, ] <- cbind(as.numeric(fc$mean), lo[, 1], hi[, 1], lo[, 2], hi[, 2])
  }
  res <- data.frame(series_id = sid, t = as.integer(tt), model = model, out,
                    stringsAsFactors = FALSE)
  path <- file.path(outdir, paste0("r_", model, ".csv"))
  write.csv(res, path, row.names = FALSE, quote = FALSE)
  message(sprintf("wrote %s (%d series, h=%d)", path, n, h))
}

for (m in models) run_model(m)

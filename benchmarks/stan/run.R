#!/usr/bin/env Rscript
# Stan (rstan 2.21) on BayesSfh's built-in example, for docs/stan-comparison.md.
#
# Usage (from the repository root; DATA from `bayessfh example --out DATA`, which also writes the MAP fit.csv and
# covariance.csv there):
#   Rscript benchmarks/stan/run.R --data /tmp/stanex --out /tmp/stan1 --seed 1 [--chains 4] [--warmup 1000]
#     [--draws 1000] [--cores 2] [--init map|random] [--model benchmarks/stan/sfh_mzr.stan] [--csr]
#     [--gradient-calls 10000] [--no-check] [--no-sample] [--ours CHAIN_DIR[,CHAIN_DIR…]]
#
# Steps: builds the Stan data from templates.csv/observed.csv (template values rounded to single precision, as
# BayesSfh stores them, so both evaluate the same posterior); compiles the model (cached in OUT/.. as
# sfh_mzr-<md5>.rds; compilation is not timed); compares ln p(θ) and its gradient with BayesSfh's at the MAP and at
# six points around it (BayesSfh's values from benchmarks/stan/LogDensityCheck, run with `dotnet run`); times
# grad_log_prob; runs NUTS (default settings: diag_e, adapt_delta 0.8, max_treedepth 10) and reports wall time,
# gradients (Σ n_leapfrog__ over warm-up and sampling), min bulk ESS (posterior::summarise_draws) over every
# parameter, ESS per second and per 1000 gradients, divergences, step sizes, tree depth. With --ours, reads
# BayesSfh's chains (chain-*.csv) and manifest.json from each CHAIN_DIR and compares posterior means,
# z = Δmean / √(mcse₁² + mcse₂²). Writes OUT/stan_summary.csv, OUT/results.csv, OUT/lp_check.csv, OUT/summary-CHAIN_DIR.csv and
# OUT/z-CHAIN_DIR.csv.

suppressPackageStartupMessages({
  library(rstan)
  library(posterior)
  library(jsonlite)
})

args <- commandArgs(trailingOnly = TRUE)
option <- function(name, default) {
  i <- match(paste0("--", name), args)
  if (is.na(i)) default else args[i + 1]
}
flag <- function(name) paste0("--", name) %in% args
script_dir <- local({
  f <- sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))
  if (length(f) == 1) dirname(normalizePath(f)) else "benchmarks/stan"
})
repo <- normalizePath(file.path(script_dir, "..", ".."))
data_dir <- option("data", "/tmp/stanex")
out_dir <- option("out", "/tmp/stan")
seed <- as.integer(option("seed", "1"))
chains <- as.integer(option("chains", "4"))
warmup <- as.integer(option("warmup", "1000"))
draws <- as.integer(option("draws", "1000"))
cores <- as.integer(option("cores", "2"))
init_kind <- option("init", "map")
csr <- flag("csr")
model_file <- option("model", file.path(script_dir, if (csr) "sfh_mzr_csr.stan" else "sfh_mzr.stan"))
gradient_calls <- as.integer(option("gradient-calls", "10000"))
ours_dir <- option("ours", NA)
dir.create(out_dir, showWarnings = FALSE, recursive = TRUE)
say <- function(...) cat(sprintf(...), "\n", sep = "")
summarise <- function(draws) {   # posterior::summarise_draws as a plain data frame (its columns are pillar_num)
  s <- as.data.frame(summarise_draws(draws, "mean", "sd", "rhat", "ess_bulk", "ess_tail", "mcse_mean"))
  s[-1] <- lapply(s[-1], function(column) as.numeric(unclass(column)))
  s
}

# ---- data ---------------------------------------------------------------------------------------------------------
to_single <- function(x) readBin(writeBin(x, raw(), size = 4), "double", size = 4, n = length(x))
templates <- read.csv(file.path(data_dir, "templates.csv"))
names(templates) <- tolower(names(templates))
observed <- read.csv(file.path(data_dir, "observed.csv"))
names(observed) <- tolower(names(observed))
log_ages <- sort(unique(templates$log_age))
mhs <- sort(unique(templates$mh))
J <- length(log_ages)
K <- length(mhs)
templates$column <- (match(templates$log_age, log_ages) - 1) * K + match(templates$mh, mhs)
templates$value <- to_single(templates$value)
stopifnot(nrow(unique(templates[, c("column", "bin")])) == nrow(templates))
c_total <- as.numeric(tapply(templates$value, factor(templates$column, levels = 1:(J * K)), sum, default = 0))
occupied <- observed[observed$count > 0, ]
occupied <- occupied[order(occupied$bin), ]
N <- nrow(occupied)
entries <- templates[templates$bin %in% occupied$bin, ]
entries$row <- match(entries$bin, occupied$bin)
entries <- entries[order(entries$row, entries$column), ]
stopifnot(all(tabulate(entries$row, N) > 0))   # every bin with stars is reached by some template
stan_data <- list(
  J = J, K = K, mh = mhs, log10_m0 = 6, N = N, n = as.numeric(occupied$count), nnz = nrow(entries),
  c_w = entries$value, c_v = entries$column, c_u = c(1L, 1L + cumsum(tabulate(entries$row, N))), c_total = c_total)
if (!csr) {
  stan_data[c("nnz", "c_w", "c_v", "c_u")] <- NULL
  c_dense <- matrix(0, N, J * K)
  c_dense[cbind(entries$row, entries$column)] <- entries$value
  stan_data$c_dense <- c_dense
}
say("data: J = %d ages, K = %d [M/H], %d Hess bins (%d with stars, %d stars), %d non-zeros of c on them (%.1f %% of %d x %d)",
    J, K, nrow(observed), N, sum(occupied$count), nrow(entries), 100 * nrow(entries) / (N * J * K), N, J * K)

# ---- compile (cached; not timed) ------------------------------------------------------------------------------------
rstan_options(boost_lib = "/usr/include")   # Debian's r-cran-bh is a virtual package; Boost lives in /usr/include
Sys.setenv(R_MAKEVARS_USER = file.path(script_dir, "Makevars"))
model_code <- paste(readLines(model_file), collapse = "\n")
key <- paste(substr(unname(tools::md5sum(c(model_file, Sys.getenv("R_MAKEVARS_USER")))), 1, 8), collapse = "-")
cache <- file.path(dirname(normalizePath(out_dir)), sprintf("%s-%s.rds", tools::file_path_sans_ext(basename(model_file)), key))
if (file.exists(cache)) {
  model <- readRDS(cache)
} else {
  t <- system.time(model <- stan_model(model_code = model_code, model_name = "sfh_mzr"))
  saveRDS(model, cache)
  say("compiled %s in %.0f s (cached in %s)", model_file, t[["elapsed"]], cache)
}

# ---- MAP and Laplace covariance from `bayessfh fit`/`example` -----------------------------------------------------
fit_csv <- read.csv(file.path(data_dir, "fit.csv"))
par_names <- c(sprintf("R.%d", 1:J), "alpha", "mh0", "sigma")
stopifnot(identical(fit_csv$name, par_names))
positive <- par_names != "mh0"
natural_to_theta <- function(x) { x[positive] <- log(x[positive]); x }
theta_to_natural <- function(t) { t[positive] <- exp(t[positive]); t }
theta_map <- natural_to_theta(fit_csv$value)
covariance <- as.matrix(read.csv(file.path(data_dir, "covariance.csv"), row.names = 1))
stopifnot(identical(rownames(covariance), par_names))
L <- t(chol(covariance))
init_of <- function(theta) {
  x <- theta_to_natural(theta)
  list(R = x[1:J], alpha = x[J + 1], mh0 = x[J + 2], sigma = x[J + 3])
}

# ---- ln p(θ) and gradient against BayesSfh --------------------------------------------------------------------------
probe <- sampling(model, data = stan_data, chains = 1, iter = 1, algorithm = "Fixed_param", init = list(init_of(theta_map)),
                  refresh = 0, seed = seed)
lp_stan <- function(theta) log_prob(probe, theta, adjust_transform = TRUE)
grad_stan <- function(theta) grad_log_prob(probe, theta, adjust_transform = TRUE)
set.seed(20241122)
points <- rbind(theta_map, t(sapply(c(0.5, 1, 1, 2, 2, 3), function(s) theta_map + s * as.vector(L %*% rnorm(J + 3)))))
colnames(points) <- par_names
if (!flag("no-check")) {
  points_file <- file.path(out_dir, "points.csv")
  write.csv(points, points_file, row.names = FALSE, quote = FALSE)
  ours_out <- system2("dotnet", c("run", "--project", file.path(repo, "benchmarks/stan/LogDensityCheck"), "-c", "Release", "--",
                                  file.path(data_dir, c("templates.csv", "observed.csv", "grid.csv")), points_file,
                                  gradient_calls), stdout = TRUE, stderr = file.path(out_dir, "ours_gradient_time.txt"))
  ours <- read.csv(text = ours_out)
  stan_lp <- apply(points, 1, lp_stan)
  stan_grad <- t(apply(points, 1, grad_stan))
  ours_grad <- as.matrix(ours[, -(1:2)])
  constant <- sum(occupied$count * log(occupied$count)) - sum(occupied$count)   # Stan's target − BayesSfh's ln p
  check <- data.frame(point = seq_len(nrow(points)), lp_stan = stan_lp, lp_bayessfh = ours$lp, difference = stan_lp - ours$lp,
                      difference_minus_constant = stan_lp - ours$lp - constant,
                      max_rel_grad_difference = apply(abs(stan_grad - ours_grad) / pmax(abs(ours_grad), 1), 1, max))
  write.csv(check, file.path(out_dir, "lp_check.csv"), row.names = FALSE)
  print(check, digits = 12)
  say("expected constant Σ n ln n − Σ n = %.6f; spread of (difference) over the points = %.3g", constant, diff(range(check$difference)))
  say("%s", paste(readLines(file.path(out_dir, "ours_gradient_time.txt")), collapse = " "))
}
gradient_us <- NA
if (gradient_calls > 0) {
  for (i in 1:200) grad_stan(theta_map)
  t <- system.time(for (i in seq_len(gradient_calls)) grad_stan(theta_map))
  gradient_us <- 1e6 * t[["elapsed"]] / gradient_calls
  t0 <- system.time(for (i in seq_len(gradient_calls)) lp_stan(theta_map))
  say("Stan: %.2f µs per grad_log_prob call from R (%d calls; log_prob alone %.2f µs, includes R/Rcpp call overhead)",
      gradient_us, gradient_calls, 1e6 * t0[["elapsed"]] / gradient_calls)
}
if (flag("no-sample")) quit(save = "no")

# ---- NUTS ---------------------------------------------------------------------------------------------------------
set.seed(seed)
inits <- if (init_kind == "map") lapply(1:chains, function(i) init_of(theta_map + as.vector(L %*% runif(J + 3, -1, 1)))) else "random"
wall <- system.time(fit <- sampling(model, data = stan_data, chains = chains, iter = warmup + draws, warmup = warmup,
                                    cores = cores, seed = seed, init = inits, save_warmup = TRUE, refresh = 0))[["elapsed"]]
elapsed <- get_elapsed_time(fit)
sp_all <- get_sampler_params(fit, inc_warmup = TRUE)
sp <- get_sampler_params(fit, inc_warmup = FALSE)
gradients <- sum(sapply(sp_all, function(s) sum(s[, "n_leapfrog__"])))
gradients_warmup <- sum(sapply(sp_all, function(s) sum(s[1:warmup, "n_leapfrog__"])))
stan_draws <- as_draws_array(as.array(fit, pars = c("R", "alpha", "mh0", "sigma")))
variables(stan_draws) <- par_names
stan_summary <- summarise(stan_draws)
write.csv(stan_summary, file.path(out_dir, "stan_summary.csv"), row.names = FALSE)
min_ess <- min(stan_summary$ess_bulk)
results <- data.frame(
  tool = "Stan", seed = seed, init = init_kind, wall_s = wall, chain_seconds = sum(elapsed),
  us_per_gradient_in_sampler = 1e6 * sum(elapsed) / gradients, us_per_gradient_loop = gradient_us,
  gradients = gradients, gradients_warmup = gradients_warmup, min_ess_bulk = min_ess,
  min_ess_bulk_variable = stan_summary$variable[which.min(stan_summary$ess_bulk)],
  ess_per_s = min_ess / wall, ess_per_1000_gradients = 1000 * min_ess / gradients,
  divergences = sum(sapply(sp, function(s) sum(s[, "divergent__"]))),
  divergences_warmup = sum(sapply(sp_all, function(s) sum(s[1:warmup, "divergent__"]))),
  max_rhat = max(stan_summary$rhat),
  step_sizes = paste(sprintf("%.4f", sapply(sp, function(s) s[1, "stepsize__"])), collapse = " "),
  mean_tree_depth = mean(sapply(sp, function(s) mean(s[, "treedepth__"]))),
  mean_leapfrog = mean(sapply(sp, function(s) mean(s[, "n_leapfrog__"]))),
  at_max_depth = sum(sapply(sp, function(s) sum(s[, "treedepth__"] >= 10))))

# ---- BayesSfh's runs of the same problem (--ours DIR1,DIR2,…) -----------------------------------------------------------
for (dir in if (is.na(ours_dir)) character() else strsplit(ours_dir, ",")[[1]]) {
  files <- sort(Sys.glob(file.path(dir, "chain-*.csv")))
  chains_ours <- lapply(files, function(f) read.csv(f, comment.char = "#", check.names = FALSE))
  ours_draws <- as_draws_array(aperm(simplify2array(lapply(chains_ours, function(d) as.matrix(d[, par_names]))), c(1, 3, 2)))
  variables(ours_draws) <- par_names
  ours_summary <- summarise(ours_draws)
  label <- basename(normalizePath(dir))
  write.csv(ours_summary, file.path(out_dir, sprintf("summary-%s.csv", label)), row.names = FALSE)
  manifest <- fromJSON(file.path(dir, "manifest.json"))
  ch <- manifest$chains
  ours_min <- min(ours_summary$ess_bulk)
  ours_wall <- manifest$timings$nuts_seconds   # warm-up + sampling, without the MAP fit (manifest$timings$map_seconds)
  ours_gradients <- sum(ch$warmup_gradients + ch$sampling_gradients)
  results <- rbind(results, data.frame(
    tool = paste("BayesSfh", manifest$sampler$coordinates), seed = manifest$seed, init = "map", wall_s = ours_wall,
    chain_seconds = sum(ch$warmup_seconds + ch$sampling_seconds),
    us_per_gradient_in_sampler = 1e6 * sum(ch$warmup_seconds + ch$sampling_seconds) / ours_gradients,
    us_per_gradient_loop = NA, gradients = ours_gradients, gradients_warmup = sum(ch$warmup_gradients),
    min_ess_bulk = ours_min, min_ess_bulk_variable = ours_summary$variable[which.min(ours_summary$ess_bulk)],
    ess_per_s = ours_min / ours_wall, ess_per_1000_gradients = 1000 * ours_min / ours_gradients,
    divergences = sum(ch$sampling_divergences), divergences_warmup = sum(ch$warmup_divergences), max_rhat = max(ours_summary$rhat),
    step_sizes = paste(sprintf("%.4f", ch$step_size), collapse = " "),
    mean_tree_depth = mean(sapply(chains_ours, function(d) mean(d$treedepth__))),
    mean_leapfrog = mean(sapply(chains_ours, function(d) mean(d$n_leapfrog__))),
    at_max_depth = sum(sapply(chains_ours, function(d) sum(d$treedepth__ >= 10)))))
  z <- data.frame(variable = par_names, mean_stan = stan_summary$mean, mean_bayessfh = ours_summary$mean,
                  mcse_stan = stan_summary$mcse_mean, mcse_bayessfh = ours_summary$mcse_mean,
                  z = (stan_summary$mean - ours_summary$mean) / sqrt(stan_summary$mcse_mean^2 + ours_summary$mcse_mean^2),
                  sd_ratio = stan_summary$sd / ours_summary$sd)
  write.csv(z, file.path(out_dir, sprintf("z-%s.csv", label)), row.names = FALSE)
  print(z, digits = 4)
  say("z against %s: max |z| = %.2f, rms z = %.2f over %d parameters; sd ratio %.3f–%.3f",
      label, max(abs(z$z)), sqrt(mean(z$z^2)), nrow(z), min(z$sd_ratio), max(z$sd_ratio))
}
write.csv(results, file.path(out_dir, "results.csv"), row.names = FALSE)
print(t(results))
say("Stan: wall %.1f s (sampling + warm-up, %d chains on %d cores); %d gradients (%.1f µs each in the sampler, chain time / gradients); min bulk ESS %.0f (%s); %.1f min-bulk-ESS/s; %.2f per 1000 gradients; %d divergences",
    wall, chains, cores, gradients, results$us_per_gradient_in_sampler[1], min_ess, results$min_ess_bulk_variable[1],
    min_ess / wall, 1000 * min_ess / gradients, results$divergences[1])

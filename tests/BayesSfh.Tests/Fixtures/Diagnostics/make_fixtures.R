# Generates the diagnostic fixtures of BayesSfh.Tests and posterior's reference summaries of them.
# Run from this folder:  Rscript make_fixtures.R
# (with posterior >= 1.6.1 on the library path, e.g. R_LIBS=/path/to/lib Rscript make_fixtures.R)
#
# Writes draws_<m>x<n>.csv (columns chain, iteration, then one column per variable; every value printed with 17
# significant digits so it is read back exactly) and summary_<m>x<n>.csv (posterior's numbers, 17 significant digits,
# NA for R's NA). The summaries are computed from the values read back from draws_*.csv, not from the values in memory.

suppressPackageStartupMessages(library(posterior))
stopifnot(packageVersion("posterior") >= "1.6.1")

ar1 <- function(n, rho, sd_innov = 1) {
  x <- numeric(n)
  x[1] <- rnorm(1, 0, sd_innov / sqrt(1 - rho^2))
  for (i in 2:n) x[i] <- rho * x[i - 1] + rnorm(1, 0, sd_innov)
  x
}

make_draws <- function(n_chains, n_iter) {
  vars <- list()
  per_chain <- function(f) unlist(lapply(seq_len(n_chains), function(c) f(c)))
  vars$normal <- per_chain(function(c) rnorm(n_iter))
  vars$ar1 <- per_chain(function(c) ar1(n_iter, 0.9))
  vars$t3 <- per_chain(function(c) rt(n_iter, df = 3))
  vars$shifted <- per_chain(function(c) rnorm(n_iter) + if (c == n_chains) 1.2 else 0)
  vars$constant <- rep(1.5, n_chains * n_iter)
  has_nan <- per_chain(function(c) rnorm(n_iter))
  has_nan[min(100, n_iter)] <- NaN
  vars$has_nan <- has_nan
  vars$poisson <- per_chain(function(c) rpois(n_iter, 2))
  vars$antithetic <- per_chain(function(c) ar1(n_iter, -0.3))
  vars$capped <- per_chain(function(c) ar1(n_iter, -0.9))
  vars$exponential <- per_chain(function(c) rexp(n_iter, 0.5))
  has_inf <- per_chain(function(c) rnorm(n_iter))
  has_inf[min(50, n_iter)] <- Inf
  has_inf[length(has_inf) - 1] <- -Inf
  vars$has_inf <- has_inf
  out <- data.frame(chain = rep(seq_len(n_chains), each = n_iter),
                    iteration = rep(seq_len(n_iter), times = n_chains))
  cbind(out, as.data.frame(vars))
}

write_exact <- function(df, file) {
  formatted <- lapply(df, function(col) {
    if (is.integer(col)) as.character(col) else ifelse(is.na(col) & !is.nan(col), "NA", sprintf("%.17g", col))
  })
  writeLines(c(paste(names(df), collapse = ","),
               do.call(paste, c(formatted, sep = ","))), file)
}

summarise_fixture <- function(file) {
  df <- read.csv(file)
  n_chains <- max(df$chain)
  n_iter <- max(df$iteration)
  variables <- setdiff(names(df), c("chain", "iteration"))
  arr <- array(NA_real_, dim = c(n_iter, n_chains, length(variables)),
               dimnames = list(NULL, NULL, variables))
  for (v in variables) arr[, , v] <- matrix(df[[v]], nrow = n_iter, ncol = n_chains)
  draws <- as_draws_array(arr)
  s <- suppressWarnings(summarise_draws(
    draws,
    "mean", "median", "sd", "mad", "quantile2", "rhat", "ess_bulk", "ess_tail",
    "mcse_mean", "mcse_sd", "ess_mean", "ess_basic", "rhat_basic", "ess_sd", "ess_median", "mcse_median",
    ess_quantile = ~ess_quantile(.x, probs = c(0.05, 0.95)),
    mcse_quantile = ~mcse_quantile(.x, probs = c(0.05, 0.95))
  ))
  s <- as.data.frame(s)
  out <- data.frame(variable = s$variable)
  for (col in setdiff(names(s), "variable")) {
    out[[col]] <- ifelse(is.na(s[[col]]), "NA", sprintf("%.17g", s[[col]]))
  }
  write.csv(out, sub("^draws_", "summary_", file), row.names = FALSE, quote = FALSE)
}

set.seed(20250101)
for (shape in list(c(4, 500), c(4, 11), c(1, 200))) {
  file <- sprintf("draws_%dx%d.csv", shape[1], shape[2])
  write_exact(make_draws(shape[1], shape[2]), file)
  summarise_fixture(file)
}
cat(R.version.string, "\n", "posterior ", as.character(packageVersion("posterior")), "\n", sep = "")

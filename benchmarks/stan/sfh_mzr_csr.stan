// BayesSfh's default model of the built-in example, written for Stan 2.21 (rstan): SFH in J age bins with a power-law
// mass–metallicity relation and a Gaussian [M/H] spread, Poisson likelihood of a Hess diagram. See
// docs/stan-comparison.md. Flat priors on the natural parameters; the <lower=0> constraints add ln|Jacobian| of
// θ = (ln R, ln alpha, mh0, ln sigma) exactly as BayesSfh does, so both sample the same posterior in the same space.
//
// Likelihood: −ln L = Σ_i m_i − n_i ln m_i + const over every Hess bin, with m_i = Σ_jk r_jk c_ijk. Split as
// Σ_i m_i = Σ_jk r_jk C_jk (C_jk = Σ_i c_ijk over all bins, data), and the n_i ln m_i term over the bins with n_i > 0
// only (the same split as BayesSfh's HessLikelihood). m_i of those bins is one sparse matrix–vector product in CSR form
// (csr_matrix_times_vector), columns ordered (j − 1) K + k. Variant of sfh_mzr.stan (dense product, 2× faster
// in Stan 2.21 on the example); run it with `run.R --csr`.
data {
  int<lower=1> J;                  // age bins, youngest first (R[1] youngest)
  int<lower=1> K;                  // template metallicities, ascending
  vector[K] mh;                    // [M/H]_k of the template grid (dex)
  real log10_m0;                   // log10 of the MZR reference mass M_0 (M_sun)
  int<lower=1> N;                  // Hess bins with n_i > 0
  vector<lower=0>[N] n;            // their counts
  int<lower=1> nnz;                // non-zeros of c on those bins
  vector<lower=0>[nnz] c_w;        // CSR values: expected stars per M_sun formed
  int<lower=1> c_v[nnz];           // CSR column indices, (j - 1) K + k
  int<lower=1> c_u[N + 1];         // CSR row starts
  vector<lower=0>[J * K] c_total;  // C_jk = Σ_i c_ijk over every bin of the diagram
}
transformed data {
  int reversed[J];                 // J, J - 1, ..., 1: cumulative sums from the oldest bin
  for (j in 1:J) reversed[j] = J + 1 - j;
}
parameters {
  vector<lower=0>[J] R;            // stellar mass formed in each age bin (M_sun)
  real<lower=0> alpha;             // MZR slope (dex per dex)
  real mh0;                        // mean [M/H] at M_0 (dex)
  real<lower=0> sigma;             // Gaussian [M/H] standard deviation at fixed age (dex)
}
model {
  // M*_j = Σ_{i ≥ j} R_i (birth mass formed in bin j and every older bin); μ_j = mh0 + alpha (log10 M*_j − log10 M_0)
  vector[J] mu = mh0 + alpha * (log10(cumulative_sum(R[reversed])[reversed]) - log10_m0);
  vector[J * K] r;                 // r_jk = R_j w_jk, w_jk ∝ exp(−½ ((mh_k − μ_j)/σ)²) normalised over k
  for (j in 1:J)
    r[((j - 1) * K + 1):(j * K)] = R[j] * softmax(-0.5 * square((mh - mu[j]) / sigma));
  target += dot_product(n, log(csr_matrix_times_vector(N, J * K, c_w, c_v, c_u, r))) - dot_product(c_total, r);
}

#!/bin/sh
# Back-to-back BayesSfh and Stan runs on one problem, for docs/stan-comparison.md. From the repository root:
#   benchmarks/stan/compare.sh DATA OUT SEED...
# DATA from `bayessfh example --toy --out DATA` (templates.csv, observed.csv, grid.csv, fit.csv, covariance.csv). Per seed:
# `bayessfh sample` in star-share and in theta coordinates, then benchmarks/stan/run.R (Stan, plus the comparison).
set -u
DATA=$1; OUT=$2; shift 2
mkdir -p "$OUT"
dotnet build src/BayesSfh.Cli -c Release -v q -nologo >/dev/null && dotnet build benchmarks/stan/LogDensityCheck -c Release -v q -nologo >/dev/null || exit 1
for SEED in "$@"; do
  for COORDINATES in star-share theta; do
    dotnet run --no-build --project src/BayesSfh.Cli -c Release -- sample --templates "$DATA/templates.csv" \
      --observed "$DATA/observed.csv" --grid "$DATA/grid.csv" --seed "$SEED" --coordinates "$COORDINATES" \
      --out "$OUT/ours-$COORDINATES-$SEED" > "$OUT/ours-$COORDINATES-$SEED.log" 2>&1
    tail -n 1 "$OUT/ours-$COORDINATES-$SEED.log"
  done
  Rscript benchmarks/stan/run.R --data "$DATA" --out "$OUT/stan-$SEED" --seed "$SEED" \
    --ours "$OUT/ours-star-share-$SEED,$OUT/ours-theta-$SEED" > "$OUT/stan-$SEED.log" 2>&1
  tail -n 1 "$OUT/stan-$SEED.log"
done

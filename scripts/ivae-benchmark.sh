#!/usr/bin/env bash
# The identifiability benchmark of docs/accuracy.md: for each seed, generate the iVAE
# protocol (40 segments × 1000 samples, 5 sources, 3-layer tanh(x) + 0.1x MLP, 5 channels),
# analyse it with the segment-conditioned prior (--segments 40), the plain VAE and FastICA,
# score every run with `nica score`, and print the MCC table with the means.
#
# With --linear it instead scores FastICA on linear mixtures (`nica generate linear`:
# nonstationary Laplace sources, m = 2k channels, 30 dB SNR) of k = 2…6 sources, with the
# number of components from the linear MDL estimate, and prints one row per k.
#
# Usage: scripts/ivae-benchmark.sh [--seeds "1 2 3 4 5"] [--distribution gaussian|laplace]
#                                  [--work DIR] [--linear] [-- extra nica analyze options for the VAE runs]
set -euo pipefail

seeds="1 2 3 4 5"
distribution=gaussian
work=""
linear=0
while [[ $# -gt 0 ]]; do
    case "$1" in
        --seeds) seeds="$2"; shift 2 ;;
        --distribution) distribution="$2"; shift 2 ;;
        --work) work="$2"; shift 2 ;;
        --linear) linear=1; shift ;;
        --) shift; break ;;
        *) echo "ivae-benchmark: unknown option $1" >&2; exit 64 ;;
    esac
done
extra=("$@")

root="$(cd "$(dirname "$0")/.." && pwd)"
nica="$root/.build/release/nica"
if [[ ! -x "$nica" ]]; then
    (cd "$root" && swift build -c release >&2)
fi
if [[ -z "$work" ]]; then
    work="$(mktemp -d)"
    trap 'rm -rf "$work"' EXIT
fi
mkdir -p "$work"

mcc() { "$nica" score "$1" "$2" --json | sed -n 's/^ *"mcc" : \([0-9.eE+-]*\),*$/\1/p'; }

if [[ $linear == 1 ]]; then
    printf '%-4s' k
    for seed in $seeds; do printf ' %8s' "seed$seed"; done
    printf ' %8s\n' mean
    for k in 2 3 4 5 6; do
        printf '%-4s' "$k"
        total=0; n=0
        for seed in $seeds; do
            data="$work/linear-$k-$seed.csv"
            "$nica" generate linear --k "$k" --seed "$seed" --out "$data"
            "$nica" analyze "$data" --method fastica --seed "$seed" --quiet --out "$work/linear-ica-$k-$seed" > /dev/null
            value=$(mcc "$work/linear-ica-$k-$seed/latents.csv" "$work/linear-$k-$seed.sources.csv")
            printf ' %8.4f' "$value"
            total=$(awk -v a="$total" -v b="$value" 'BEGIN { print a + b }'); n=$((n + 1))
        done
        awk -v t="$total" -v n="$n" 'BEGIN { printf " %8.4f\n", t / n }'
    done
    exit 0
fi

printf '%-6s %12s %10s %10s\n' seed "segments-40" plain fastica
sum_seg=0; sum_plain=0; sum_ica=0; count=0
for seed in $seeds; do
    data="$work/ivae-$distribution-$seed.csv"
    sources="$work/ivae-$distribution-$seed.sources.csv"
    "$nica" generate ivae --distribution "$distribution" --seed "$seed" --out "$data"
    "$nica" analyze "$data" --segments 40 --seed "$seed" --quiet "${extra[@]}" --out "$work/seg-$seed" > /dev/null
    "$nica" analyze "$data" --seed "$seed" --quiet "${extra[@]}" --out "$work/plain-$seed" > /dev/null
    "$nica" analyze "$data" --method fastica --latent-dim 5 --seed "$seed" --quiet --out "$work/ica-$seed" > /dev/null
    seg=$(mcc "$work/seg-$seed/latents.csv" "$sources")
    plain=$(mcc "$work/plain-$seed/latents.csv" "$sources")
    ica=$(mcc "$work/ica-$seed/latents.csv" "$sources")
    printf '%-6s %12.4f %10.4f %10.4f\n' "$seed" "$seg" "$plain" "$ica"
    sum_seg=$(awk -v a="$sum_seg" -v b="$seg" 'BEGIN { print a + b }')
    sum_plain=$(awk -v a="$sum_plain" -v b="$plain" 'BEGIN { print a + b }')
    sum_ica=$(awk -v a="$sum_ica" -v b="$ica" 'BEGIN { print a + b }')
    count=$((count + 1))
done
awk -v s="$sum_seg" -v p="$sum_plain" -v i="$sum_ica" -v n="$count" \
    'BEGIN { printf "%-6s %12.4f %10.4f %10.4f\n", "mean", s / n, p / n, i / n }'

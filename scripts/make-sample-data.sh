#!/usr/bin/env bash
# Regenerates the sample recordings in data/ with fixed seeds. Each recording comes with
# <stem>.truth.json (how it was made, including k, the true number of sources) and
# <stem>.sources.csv (the true sources, or the envelopes for the spectral recording).
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product nica >/dev/null
nica=.build/release/nica

# Per-sample mode: 3 nonstationary Laplace sources through a 2-layer MLP (tanh(x) + 0.1x) into 6 channels.
"$nica" generate nonlinear --k 3 --m 6 --layers 2 --activation tanhLinear --frames 20000 \
    --snr 30 --seed 1 --out data/nonlinear-3src.csv

# Spectral mode: 3 band-limited sources with independent slow envelopes, mixed into 2 channels.
"$nica" generate spectral --k 3 --m 2 --seconds 60 --rate 8000 --snr 30 --seed 1 \
    --encoding pcm16 --out data/spectral-3src.wav

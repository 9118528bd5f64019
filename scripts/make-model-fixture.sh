#!/bin/sh
# Regenerates the model-file fixture of Tests/ModelStoreTests/Fixtures: a small per-sample
# model (2 sources, 3 channels, hidden 16-16), a 200-sample input, and the posterior means
# nica computes for it (the reference the NumPy check in posterior_means.py is compared to).
set -eu
cd "$(dirname "$0")/.."
swift build --product nica
nica=.build/debug/nica
fixtures=Tests/ModelStoreTests/Fixtures
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
$nica generate nonlinear --k 2 --m 3 --frames 3000 --layers 1 --seed 11 --out "$tmp/train.csv"
$nica analyze "$tmp/train.csv" --hidden 16,16 --epochs 40 --seed 3 --save-model "$fixtures/small-model.safetensors" >/dev/null
$nica generate nonlinear --k 2 --m 3 --frames 3000 --layers 1 --seed 11 --snr 20 --out "$tmp/input.csv"
head -n 201 "$tmp/input.csv" > "$fixtures/small-input.csv"
$nica encode --model "$fixtures/small-model.safetensors" "$fixtures/small-input.csv" --out "$tmp/encoded" >/dev/null
cp "$tmp/encoded/latents.csv" "$fixtures/small-expected-means.csv"

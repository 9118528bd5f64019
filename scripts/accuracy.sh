#!/usr/bin/env bash
# Regenerates the source-count accuracy tables of docs/accuracy.md: 64 generated cases
# (16 per family: linear, nonlinear, square, spectral; k = 1…8, m = k…2k+4 or 1…4 for
# spectral, 1–3 mixing layers, SNR 20–40 dB), each analysed with the given seeds.
#
#   scripts/accuracy.sh [SEEDS] [DIR]      e.g. scripts/accuracy.sh 1,2,3,4,5 /tmp/nica-suite
#
# One seed takes about 2¼ hours on one core: 3 restarts per analysis, and each of the 48
# per-sample cases trains for 2–3 CPU minutes with the 256-wide layers.
set -euo pipefail
cd "$(dirname "$0")/.."
seeds="${1:-1}"
dir="${2:-${TMPDIR:-/tmp}/nica-accuracy-suite}"
swift build -c release --product nica >/dev/null
nica=.build/release/nica
"$nica" generate-suite "$dir" --per-family 16 --seed 1
"$nica" evaluate "$dir" --seeds "$seeds" --cases

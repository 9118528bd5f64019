#!/usr/bin/env bash
# nica's log-power feature extraction against a bare C loop of FFTW r2c plus logf over the
# same windows (Benchmarks/, a separate package outside the main build), alternating over
# several rounds; prints the medians over rounds with their spread and the per-round ratio.
#
#   scripts/bench-features-vs-c.sh
#
# Environment: ROUNDS (5), REPEATS (5), CLOCK (wall or cpu; default wall), NICA (the nica
# binary; default: swift build -c release).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
rounds="${ROUNDS:-5}"
repeats="${REPEATS:-5}"
clock="${CLOCK:-wall}"
if [[ -z "${NICA:-}" ]]; then
    (cd "$root" && swift build -c release >&2)
    NICA="$root/.build/release/nica"
fi
(cd "$root/Benchmarks" && swift build -c release >&2)
baseline="$root/Benchmarks/.build/release/fftw-logpower-baseline"

nica_ns=()
c_ns=()
for round in $(seq 1 "$rounds"); do
    echo "round $round/$rounds" >&2
    nica_ns+=("$("$NICA" bench --only features --repeats "$repeats" --clock "$clock" --json |
        python3 -c 'import json, sys; print(json.load(sys.stdin)["features"]["nanoseconds_per_window"]["median"])')")
    c_ns+=("$("$baseline" "$repeats" 2097152 256 128 "$clock" | sed -E 's/.*ns\/window ([0-9.]+).*/\1/')")
done

python3 - "${nica_ns[*]}" "${c_ns[*]}" "$clock" <<'PY'
import statistics, sys
nica = [float(x) for x in sys.argv[1].split()]
c = [float(x) for x in sys.argv[2].split()]
clock = sys.argv[3]
spread = lambda v, f="{:.1f}": f"{f.format(statistics.median(v))} ({f.format(min(v))}–{f.format(max(v))})"
print(f"{len(nica)} rounds, alternating; log-power features, W=256 hop 128, Hann, 2 channels, {clock} clock; median (min–max) over rounds")
print(f"  nica       ns/window {spread(nica)}")
print(f"  bare C     ns/window {spread(c)}  (FFTW r2c + logf, one window at a time)")
print(f"  ratio nica / C {spread([a / b for a, b in zip(nica, c)], '{:.2f}')}  (below 1: nica faster)")
PY

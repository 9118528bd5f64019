#!/usr/bin/env bash
# Side-by-side throughput of nica and the PyTorch reference (reference_vae.py), one thread
# each, alternating runs over several rounds, so both see the same machine load. Prints, per
# configuration, the median of each figure over the rounds with its min–max spread, and the
# nica / reference ratios computed round by round.
#
#   scripts/bench-vs-reference.sh [REFERENCE_PY]
#
# REFERENCE_PY defaults to $NICA_REFERENCE, else ../shared/bench/reference_vae.py (relative to
# the repository root). Needs python3 with torch and numpy (pip install torch numpy).
# Environment: ROUNDS (5), STEPS (100), REPEATS (5), WARMUP (20), CONFIGS ("spectral per-sample"),
# CLOCK (wall, or cpu: samples per CPU-second of each process, which the reference prints too —
# steadier when other work shares the machine), NICA (the nica binary; default: built with
# swift build -c release).
# OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE are left as they are for nica and unset for the
# reference only: they pin old OpenBLAS builds to a safe kernel but slow a current torch.
# (With OPENBLAS_CORETYPE unset, nica picks a kernel itself if OpenBLAS fell back to a
# pre-AVX one; `nica bench` prints the kernel in use.)
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
reference="${1:-${NICA_REFERENCE:-$root/../shared/bench/reference_vae.py}}"
rounds="${ROUNDS:-5}"
steps="${STEPS:-100}"
repeats="${REPEATS:-5}"
warmup="${WARMUP:-20}"
configs="${CONFIGS:-spectral per-sample}"
clock="${CLOCK:-wall}"

if [[ ! -f "$reference" ]]; then
    echo "bench-vs-reference: reference script not found: $reference (give its path or set NICA_REFERENCE)" >&2
    exit 66
fi
if ! python3 -c "import torch, numpy" 2>/dev/null; then
    echo "bench-vs-reference: python3 cannot import torch and numpy (pip install torch numpy)" >&2
    exit 69
fi
if [[ -z "${NICA:-}" ]]; then
    (cd "$root" && swift build -c release >&2)
    NICA="$root/.build/release/nica"
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

for round in $(seq 1 "$rounds"); do
    for config in $configs; do
        echo "round $round/$rounds: $config" >&2
        OPENBLAS_NUM_THREADS=1 "$NICA" bench --only "$config" --threads 1 --steps "$steps" \
            --repeats "$repeats" --warmup "$warmup" --clock "$clock" --json > "$work/nica-$config-$round.json"
        env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OMP_NUM_THREADS=1 \
            python3 "$reference" --config "$config" --threads 1 --steps "$steps" \
            --repeats "$repeats" --warmup "$warmup" | tail -n 1 > "$work/torch-$config-$round.txt"
    done
done

python3 - "$work" "$rounds" "$configs" "$clock" <<'PY'
import json, statistics, sys
work, rounds, configs, clock = sys.argv[1], int(sys.argv[2]), sys.argv[3].split(), sys.argv[4]
suffix = "_per_cpu_s" if clock == "cpu" else "_per_s"

def spread(values, fmt="{:.0f}"):
    return f"{fmt.format(statistics.median(values))} ({fmt.format(min(values))}–{fmt.format(max(values))})"

core = json.load(open(f"{work}/nica-{configs[0]}-1.json")).get("blas_core", "?")
print(f"{rounds} rounds, nica and reference alternating, one thread each, {clock} clock; median (min–max) over rounds")
print(f"nica's OpenBLAS kernel: {core}")
for config in configs:
    rows = []
    for r in range(1, rounds + 1):
        model = json.load(open(f"{work}/nica-{config}-{r}.json"))["models"][0]
        fields = dict(kv.split("=", 1) for kv in open(f"{work}/torch-{config}-{r}.txt").read().split()[1:])
        rows.append(dict(
            nica_train=model["train_samples_per_second"]["median"],
            nica_encode=model["encode_samples_per_second"]["median"],
            nica_train_gflops=model["train_gflops"]["median"],
            ceiling_train=model["ceiling"]["train_samples_per_second"]["median"],
            ceiling_gflops=model["ceiling"]["train_gflops"]["median"],
            of_ceiling=model["train_fraction_of_ceiling"]["median"],
            torch_train=float(fields["train_samples" + suffix]),
            torch_encode=float(fields["encode_samples" + suffix])))
        rows[-1]["torch_train_gflops"] = rows[-1]["torch_train"] * model["train_gflops"]["median"] / model["train_samples_per_second"]["median"]
    col = lambda k: [row[k] for row in rows]
    ratio = lambda a, b: [row[a] / row[b] for row in rows]
    print(f"\n{config}")
    print(f"  train  samples/s  nica {spread(col('nica_train'))}  reference {spread(col('torch_train'))}")
    print(f"  train  ratio nica/reference {spread(ratio('nica_train', 'torch_train'), '{:.2f}')}")
    print(f"  encode samples/s  nica {spread(col('nica_encode'))}  reference {spread(col('torch_encode'))}")
    print(f"  encode ratio nica/reference {spread(ratio('nica_encode', 'torch_encode'), '{:.2f}')}")
    print(f"  train GFLOP/s  nica {spread(col('nica_train_gflops'), '{:.1f}')}  reference {spread(col('torch_train_gflops'), '{:.1f}')}"
          f"  sgemm ceiling {spread(col('ceiling_gflops'), '{:.1f}')}")
    print(f"  nica train / sgemm ceiling {spread([100 * x for x in col('of_ceiling')], '{:.1f}')} %"
          f"  reference train / ceiling {spread([100 * r['torch_train'] / r['ceiling_train'] for r in rows], '{:.1f}')} %")
PY

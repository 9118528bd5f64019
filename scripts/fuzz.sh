#!/usr/bin/env bash
# Builds nica's libFuzzer targets (Fuzz/) and runs each for RUNS executions.
#
#   scripts/fuzz.sh [RUNS] [TARGET…]        e.g. scripts/fuzz.sh 10000000 FuzzCSV
#
# TARGET is FuzzCSV (the CSV reader) or FuzzAudio (libsndfile and the WAV length repair);
# both by default. SANITIZERS (default fuzzer,address) is passed to -sanitize=; each choice
# builds in its own Fuzz/.build-<sanitizers>. FUZZ_ARGS adds libFuzzer options
# (e.g. -close_fd_mask=2 to silence libsndfile's decoder warnings). Inputs the
# fuzzer finds interesting go to a scratch directory (FUZZ_WORK, default a new temporary
# directory); the seed corpus in Fuzz/corpus/ is only read. A crash leaves crash-* in the
# current directory and makes the script fail: turn it into a regression test.
set -euo pipefail

runs=${1:-1000000}
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(FuzzCSV FuzzAudio)
sanitizers=${SANITIZERS:-fuzzer,address}
root=$(cd "$(dirname "$0")/.." && pwd)
work=${FUZZ_WORK:-$(mktemp -d)}

cd "$root/Fuzz"
build=(swift build -c release --scratch-path ".build-${sanitizers//,/-}" -Xswiftc "-sanitize=$sanitizers" -Xswiftc -use-ld=lld)
"${build[@]}"
bin=$("${build[@]}" --show-bin-path)

for target in "${targets[@]}"; do
    case $target in
        FuzzCSV) corpus=csv ;;
        FuzzAudio) corpus=audio ;;
        *) echo "fuzz.sh: unknown target $target (FuzzCSV or FuzzAudio)" >&2; exit 64 ;;
    esac
    mkdir -p "$work/$corpus"
    echo "== $target: $runs runs"
    # shellcheck disable=SC2086 # FUZZ_ARGS is a list of options
    "$bin/$target" -runs="$runs" -max_len=4096 -print_final_stats=1 ${FUZZ_ARGS:-} "$work/$corpus" "$root/Fuzz/corpus/$corpus"
done

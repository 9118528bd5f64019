#!/usr/bin/env bash
# Installs the C libraries nica links against (Debian/Ubuntu): FFTW (single precision),
# libsndfile, OpenBLAS, and pkg-config to find them. Swift itself is expected on PATH.
set -euo pipefail
packages=(libfftw3-dev libsndfile1-dev libopenblas-dev pkg-config)
if pkg-config --exists fftw3f sndfile openblas 2>/dev/null; then
    exit 0
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${packages[@]}"

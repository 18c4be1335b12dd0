#!/usr/bin/env bash
# Builds and runs kernel_harness.cc natively (SSE4.1/AVX2 or NEON vs scalar)
# and, when an aarch64 cross compiler and qemu-aarch64 are installed
# (Debian: apt-get install g++-aarch64-linux-gnu qemu-user), for arm64 too,
# so the NEON kernels are checked on x86 machines.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT="${TMPDIR:-/tmp}/candor-kernel-harness"
mkdir -p "$OUT"
CORE=(src/cpu.cc src/dispatch.cc src/nms_core.cc src/preprocess_core.cc src/resample_plan.cc
      kernels/resize/scalar.cc kernels/yuv/scalar.cc kernels/iou/scalar.cc kernels/xcorr/scalar.cc test/kernel_harness.cc)
FLAGS=(-std=c++17 -O2 -ffp-contract=off -Wall -Wextra)

case "$(uname -m)" in
  x86_64|i686) NATIVE=(kernels/resize/sse41.cc kernels/resize/avx2.cc kernels/yuv/sse41.cc kernels/yuv/avx2.cc kernels/iou/sse41.cc kernels/iou/avx2.cc kernels/xcorr/sse41.cc kernels/xcorr/avx2.cc) ;;
  aarch64|arm64) NATIVE=(kernels/resize/neon.cc kernels/yuv/neon.cc kernels/iou/neon.cc kernels/xcorr/neon.cc) ;;
  *) NATIVE=() ;;
esac
"${CXX:-g++}" "${FLAGS[@]}" "${CORE[@]}" "${NATIVE[@]}" -o "$OUT/harness"
echo "== $(uname -m)"; "$OUT/harness"

if [ "$(uname -m)" = x86_64 ] && command -v aarch64-linux-gnu-g++ >/dev/null && command -v qemu-aarch64 >/dev/null; then
  aarch64-linux-gnu-g++ "${FLAGS[@]}" -static "${CORE[@]}" kernels/resize/neon.cc kernels/yuv/neon.cc kernels/iou/neon.cc kernels/xcorr/neon.cc -o "$OUT/harness-arm64"
  echo "== aarch64 (qemu)"; qemu-aarch64 "$OUT/harness-arm64"
fi

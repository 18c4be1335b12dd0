#!/usr/bin/env bash
# Builds candor_native with AddressSanitizer + UndefinedBehaviorSanitizer
# (native/asan/build/Debug/candor_native.node, separate from the release
# build) and runs the native tests against it. Node itself is not
# instrumented, so libasan is preloaded and leak detection is off (V8 and
# Node keep allocations alive until exit, which LeakSanitizer reports as
# noise). Any out-of-bounds access or UB in the addon aborts the test run.
# Usage: scripts/test-native-asan.sh [test filters...]   (default: tests/native)
set -euo pipefail
cd "$(dirname "$0")/.."

npm run --silent build:native:asan

LIBASAN="$(g++ -print-file-name=libasan.so)"
if [ ! -e "$LIBASAN" ]; then
  echo "libasan.so not found (g++ -print-file-name=libasan.so gave '$LIBASAN'); install libasan for g++" >&2
  exit 1
fi

export CANDOR_NATIVE_PATH="$PWD/native/asan/build/Debug/candor_native.node"
export ASAN_OPTIONS="detect_leaks=0:abort_on_error=1:halt_on_error=1:detect_stack_use_after_return=0"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"

if [ "$#" -eq 0 ]; then set -- tests/native; fi
echo "ASan/UBSan: $CANDOR_NATIVE_PATH (LD_PRELOAD=$LIBASAN)"
LD_PRELOAD="$LIBASAN" node scripts/run-tests.mjs "$@"

#!/usr/bin/env bash
# Installs the test dependencies, builds everything and runs every test. Two passes:
#   1. the C++ unit and integration tests built with AddressSanitizer + UBSan (server included),
#   2. every test in a RelWithDebInfo build with warnings as errors: C++ unit, protocol and
#      integration tests, the web client's unit tests, the browser test and the format check.
# Ends with ctest's summary of pass 2; exits non-zero on any failure in either pass.
set -euo pipefail
cd "$(dirname "$0")/.."

./deploy/install-deps.sh test

jobs=$(nproc 2>/dev/null || echo 2)

echo "== pass 1: sanitizers (ASan + UBSan)"
cmake -S . -B build/asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g" \
  -DINTERVISIE_SANITIZE=ON -DINTERVISIE_WERROR=ON >/dev/null
cmake --build build/asan -j "$jobs" --target unit_tests integration_tests intervisie-server
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --test-dir build/asan --output-on-failure -j "$jobs" -R '^(unit|integration)\.'

echo "== pass 2: everything"
cmake -S . -B build/test -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DINTERVISIE_WERROR=ON >/dev/null
cmake --build build/test -j "$jobs"
(cd web-client && npm run --silent build)

ctest --test-dir build/test --output-on-failure -j "$jobs"

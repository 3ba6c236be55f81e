#!/usr/bin/env bash
# Installs the test dependencies, builds everything and runs every test: C++ unit, protocol
# and integration tests, the web client's unit tests, the browser test, and the format check.
# Ends with ctest's summary; exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."

./deploy/install-deps.sh test

jobs=$(nproc 2>/dev/null || echo 2)
cmake -S . -B build/test -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DINTERVISIE_WERROR=ON
cmake --build build/test -j "$jobs"
(cd web-client && npm run --silent build)

ctest --test-dir build/test --output-on-failure -j "$jobs"

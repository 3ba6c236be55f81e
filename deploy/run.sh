#!/usr/bin/env bash
# Quick start: installs what is missing, builds server and web client in Release, and starts
# the server on http://127.0.0.1:8080 with its data in ./data. Extra arguments go to the server
# (see ./deploy/run.sh --help).
set -euo pipefail
cd "$(dirname "$0")/.."

./deploy/install-deps.sh runtime

cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release -DINTERVISIE_TESTS=OFF >/dev/null
cmake --build build/release --target intervisie-server
(cd web-client && npm run --silent build >/dev/null)

# The server prints the URL to open, with this run's one-time admin key.
exec build/release/server/intervisie-server --data-dir ./data --static-dir web-client/dist "$@"

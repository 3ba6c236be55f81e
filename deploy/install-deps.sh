#!/usr/bin/env bash
# Installs what Intervisie needs on a fresh Debian 12 machine, and nothing that is already
# there. Debian packages and the npm registry only (the web client's lock file).
#   install-deps.sh runtime   what ./deploy/run.sh needs: compilers, libraries, Node.js
#   install-deps.sh test      runtime + Catch2, valijson, Chromium, clang-format
set -euo pipefail
cd "$(dirname "$0")/.."

kind="${1:-runtime}"
packages=(g++ cmake ninja-build pkg-config libboost1.81-dev nlohmann-json3-dev libsqlite3-dev libssl-dev)
if [ "$kind" = test ]; then
  packages+=(catch2 libvalijson-dev chromium clang-format sqlite3)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# Node.js: the machine image brings a recent one; Debian's is the fallback (Vite needs >= 20).
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)

if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing Debian packages: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The web client's packages, exactly as locked. Reinstalled only when the lock file changed.
stamp=web-client/node_modules/.intervisie-lock-stamp
if [ ! -f "$stamp" ] || ! cmp -s web-client/package-lock.json "$stamp"; then
  echo "Installing the web client's npm packages (npm ci)"
  (cd web-client && npm ci --no-audit --no-fund --loglevel=error)
  cp web-client/package-lock.json "$stamp"
fi

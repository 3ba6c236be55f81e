#!/usr/bin/env bash
# Fails when a C++ file differs from what clang-format (Debian's version 14) makes of it.
set -euo pipefail
cd "$(dirname "$0")/.."
files=$(git ls-files 'server/*.cpp' 'server/*.hpp' 'tests/*.cpp' 'tests/*.hpp')
bad=0
for f in $files; do
  if ! clang-format --style=file --dry-run --Werror "$f" >/dev/null 2>&1; then
    echo "needs clang-format: $f"
    bad=1
  fi
done
[ "$bad" -eq 0 ] && echo "format: $(echo "$files" | wc -w) files clean"
exit "$bad"

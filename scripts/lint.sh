#!/usr/bin/env bash
# clang-format (must be clean) and clang-tidy (.clang-tidy's bug-finding and performance checks)
# over the sources; needs a configured build/ for compile_commands.json. Takes minutes: not in CI.
set -euo pipefail
cd "$(dirname "$0")/.."
files=$(git ls-files 'src/*.cc' 'src/*.h' 'bench/*.cc')
clang-format --dry-run --Werror $files
git ls-files 'src/*.cc' | grep -v '_test\.cc$' | xargs -P"$(nproc)" -n4 clang-tidy -p build --quiet \
  2>/dev/null | { ! grep -E 'warning:|error:'; }
echo "lint: clean"

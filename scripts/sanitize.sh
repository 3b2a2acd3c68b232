#!/usr/bin/env bash
# Builds everything with ASan and UBSan (-DRT_SANITIZE=ON) and runs every unit test under them,
# the bad-config corpus included; then a short suite run on runc whose judge, outside the
# containers, is the sanitized binary. Inside the containers runs the static release binary
# (STATIC_BINARY, default build/runtimetest, built by scripts/build.sh): a dynamically linked ASan
# binary cannot start in the bundles' empty rootfs. BUILD_DIR defaults to build-asan.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${BUILD_DIR:-build-asan}
static=${STATIC_BINARY:-build/runtimetest}
start=$(date +%s)
# SANITIZE_CMAKE_ARGS: more configure flags, e.g. clang with RT_FUZZ=ON so that scripts/fuzz.sh
# can then reuse the same build directory (as scripts/test.sh does).
# shellcheck disable=SC2086
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DRT_SANITIZE=ON ${SANITIZE_CMAKE_ARGS:-} >/dev/null
cmake --build "$build" -j"$(nproc)"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
# The suite's own tests put the static binary into their bundles, as the suite run below does.
[[ -x $static ]] && RT_STATIC_BINARY=$(realpath "$static") && export RT_STATIC_BINARY
(cd "$build" && ctest --output-on-failure -j"$(nproc)")
echo "sanitize: unit tests passed under ASan and UBSan ($(($(date +%s) - start)) s so far)"

runc=$(command -v runc || true)
if [[ -z $runc ]]; then
  echo "sanitize: no runc, suite run skipped"
elif ! "$build/runtimetest" suite --help 2>&1 | grep -q -- '--runtimetest-binary'; then
  echo "sanitize: the suite has no --runtimetest-binary option yet, suite run skipped"
elif [[ ! -x $static ]]; then
  echo "sanitize: no static release binary at $static (scripts/build.sh), suite run skipped"
else
  "$build/runtimetest" suite --runtime "$runc" --runtimetest-binary "$static" \
    --filter '^(hostname|process|mounts/|ops/(state|kill|console|exec)/)' --expected-failures suite/expected-failures.txt
fi
echo "sanitize: done in $(($(date +%s) - start)) s"

#!/usr/bin/env bash
# Fuzzes the config parser, every check over the fake system and the reporters (fuzz/config_fuzzer.cc)
# with libFuzzer under ASan and UBSan. Usage: scripts/fuzz.sh [RUNS] (default 200000 executions).
# Starts from the seed corpus fuzz/corpus/ (left unchanged) and fails on any finding: a crash, a
# leak, undefined behaviour, a broken promise of the target, or an input slower than 10 s. What it
# found is left in $BUILD_DIR/findings/. BUILD_DIR defaults to build-fuzz.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-200000}
build=${BUILD_DIR:-build-fuzz}
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DRT_FUZZ=ON \
  -DCMAKE_CXX_COMPILER=clang++ >/dev/null
cmake --build "$build" --target fuzz_config -j"$(nproc)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$build/findings"
start=$(date +%s)
status=0
# The inputs it makes go to $work; the seeds are read from fuzz/corpus.
"$build/fuzz_config" -runs="$runs" -max_len=4096 -timeout=10 -rss_limit_mb=2048 \
  -dict=fuzz/config.dict -print_final_stats=1 -artifact_prefix="$build/findings/" \
  "$work" fuzz/corpus >"$work.log" 2>&1 || status=$?
elapsed=$(($(date +%s) - start))
execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work.log")
if ((status != 0)); then
  tail -n 60 "$work.log"
  echo "fuzz: FAILED after ${execs:-?} executions in ${elapsed} s; the input is in $build/findings/"
  rm -f "$work.log"
  exit 1
fi
rm -f "$work.log"
echo "fuzz: ${execs} executions in ${elapsed} s, no finding"

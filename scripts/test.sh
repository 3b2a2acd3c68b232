#!/usr/bin/env bash
# Everything CI runs: install, prepare the host, build, unit tests, then against runc and crun
# the suite, the judge's self-test (--blind-negatives) and a short soak of interrupted runs;
# then the fuzzer and the sanitizer build. Exits non-zero if any of them fails.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
bash scripts/install-deps.sh
bash scripts/prepare-host.sh
bash scripts/build.sh
(cd build && ctest --output-on-failure -j"$(nproc)")
status=0
for runtime in runc crun; do
  path=$(command -v "$runtime")
  echo "== suite: $runtime"
  build/runtimetest suite --runtime "$path" \
    --expected-failures suite/expected-failures.txt || status=1
  echo "== judge self-test (every negative blinded must be refused): $runtime"
  build/runtimetest suite --runtime "$path" --blind-negatives \
    --expected-failures suite/expected-failures.txt || status=1
  echo "== soak (interrupted runs leave nothing behind): $runtime"
  bash scripts/soak.sh 30 "$runtime" || status=1
done
# One clang build with ASan, UBSan and the fuzzer's coverage serves both: the unit tests and a
# short suite run under the sanitizers, then 200,000 fuzzer executions.
echo "== sanitizers"
SANITIZE_CMAKE_ARGS="-DCMAKE_CXX_COMPILER=clang++ -DRT_FUZZ=ON" BUILD_DIR=build-asan \
  bash scripts/sanitize.sh || status=1
echo "== fuzz"
BUILD_DIR=build-asan bash scripts/fuzz.sh 200000 || status=1
echo "test.sh: exit $status after $(($(date +%s) - start)) s"
exit $status

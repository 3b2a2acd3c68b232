#!/usr/bin/env bash
# Everything CI runs: install, prepare the host, build, unit tests, then the suite on runc and
# crun in one call (its JSON and JUnit files against their schemas, its matrix page in headless
# chromium), and per runtime the judge's self-test (--blind-negatives) and a short soak of
# interrupted runs;
# then the fuzzer and the sanitizer build; meanwhile the suite inside a pure cgroup v2 VM. Exits non-zero if any of them fails.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
bash scripts/install-deps.sh
bash scripts/prepare-host.sh
bash scripts/build.sh
# The suite inside a QEMU VM with a pure cgroup v2 kernel (Debian 12's 6.1) runs in the
# background while the host's tests run: it emulates the CPU on one core, and its report is
# printed, framed, at the end. It is stopped if this script ends early.
# In CI, the scenarios whose outcome depends on the cgroup version or the kernel, in one VM
# (--jobs 1: the host's tests keep the other core). The whole suite costs 8 to 14 minutes of one
# emulated core, more than CI's 2 cores can spare beside the sanitizer build; `bash
# scripts/vm-suite.sh` runs it all.
vm_filter='^(linux\.resources/|ops/delete/|mounts\.idmap/|hooks/fail/|linux\.namespaces/cgroup)'
vm_log=$(mktemp)
bash scripts/vm-suite.sh --no-build --jobs 1 -- --filter "$vm_filter" >"$vm_log" 2>&1 &
vm_pid=$!
vm_start=$(date +%s)
trap 'kill -TERM "$vm_pid" 2>/dev/null || true; rm -f "$vm_log"' EXIT
echo "== vm suite: started in the background (pure cgroup v2, Debian's 6.1 kernel): $vm_filter"
(cd build && ctest --output-on-failure -j"$(nproc)")
echo "== spec coverage (README, Spec coverage)"
build/runtimetest coverage --totals
status=0
reports=$(mktemp -d)
trap 'kill -TERM "$vm_pid" 2>/dev/null || true; rm -rf "$vm_log" "$reports"' EXIT
# The suite on runc and crun in one call (one TAP stream), writing every report file: JSON (an
# array of the two runs) and JUnit against their schemas, the matrix page in a headless browser.
echo "== suite: runc and crun"
build/runtimetest suite --runtime "$(command -v runc)" --runtime "$(command -v crun)" \
  --expected-failures suite/expected-failures.txt \
  --report "json:$reports/suite.json" --report "junit:$reports/suite.xml" \
  --report "matrix:$reports/matrix.md" --report "matrix:$reports/matrix.html" || status=1
echo "== report files against their schemas"
/usr/bin/python3 scripts/check-reports.py "$reports/suite.json" "$reports/suite.xml" || status=1
echo "== the matrix page in chromium (headless)"
bash scripts/browser-test.sh "$reports/matrix.html" \
  "$(build/runtimetest suite --list | wc -l)" || status=1
for runtime in runc crun; do
  path=$(command -v "$runtime")
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
echo "== vm suite: waiting for it"
vm_status=0
wait "$vm_pid" || vm_status=$?
echo "== vm suite: its output (exit $vm_status after $(($(date +%s) - vm_start)) s)"
sed 's/^/vm | /' "$vm_log"
echo "== vm suite: end of its output"
((vm_status == 0)) || { echo "== vm suite: NOT GREEN (exit $vm_status)"; status=1; }
echo "test.sh: exit $status after $(($(date +%s) - start)) s"
exit $status

#!/usr/bin/env bash
# Everything CI runs: install, prepare the host, build, unit tests, then the suite against runc
# and against crun. Exits non-zero if any of them fails.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/prepare-host.sh
bash scripts/build.sh
(cd build && ctest --output-on-failure -j"$(nproc)")
status=0
for runtime in runc crun; do
  echo "== suite: $runtime"
  build/runtimetest suite --runtime "$(command -v "$runtime")" \
    --expected-failures suite/expected-failures.txt || status=1
done
exit $status

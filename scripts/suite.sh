#!/usr/bin/env bash
# The main job: sets up a fresh machine and runs the suite against a runtime (default: the
# installed runc), printing its report. Extra arguments go to `runtimetest suite`.
#   scripts/suite.sh                 # runc
#   scripts/suite.sh crun --filter hostname
set -euo pipefail
cd "$(dirname "$0")/.."
runtime=${1:-runc}
shift || true
bash scripts/install-deps.sh
bash scripts/prepare-host.sh
bash scripts/build.sh
exec build/runtimetest suite --runtime "$(command -v "$runtime")" \
  --expected-failures suite/expected-failures.txt "$@"

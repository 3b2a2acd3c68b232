#!/usr/bin/env bash
# Installs everything runtimetest needs to build, test and drive runtimes, from Debian's apt.
set -euo pipefail
pkgs=(g++ cmake make libgtest-dev nlohmann-json3-dev binutils file runc crun clang libclang-rt-14-dev
      golang-github-opencontainers-specs-dev
      python3-jsonschema libxml2-utils  # scripts/check-reports.py: the report files' schemas
      chromium  # scripts/browser-test.sh: the matrix page in a real browser
      qemu-system-x86 busybox-static iproute2 xz-utils zstd)  # the last line for scripts/vm-suite.sh
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "install-deps: installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "install-deps: all present"
fi

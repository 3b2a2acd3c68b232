#!/usr/bin/env bash
# Prepares the host for running containers, changing only what needs changing.
#
# On a cgroup v1/v2 hybrid host (/sys/fs/cgroup is a tmpfs of v1 hierarchies plus a cgroup2
# mount at /sys/fs/cgroup/unified), a controller that no v1 hierarchy claims stays enabled on the
# cgroup2 side. crun then refuses every container with "cgroups in hybrid mode not supported,
# drop all controllers from cgroupv2". Mounting a v1 hierarchy for each such controller moves it
# off cgroup2. Seen here for hugetlb.
set -euo pipefail
root=/sys/fs/cgroup
unified=$root/unified/cgroup.controllers
if [ "$(stat -f -c %T "$root" 2>/dev/null)" = "tmpfs" ] && [ -r "$unified" ]; then
  for ctrl in $(cat "$unified"); do
    echo "prepare-host: moving the $ctrl controller off cgroup2 (v1 hierarchy at $root/$ctrl)"
    mkdir -p "$root/$ctrl"
    mount -t cgroup -o "$ctrl" cgroup "$root/$ctrl"
  done
  if [ -n "$(cat "$unified")" ]; then
    echo "prepare-host: cgroup2 still holds controllers: $(cat "$unified")" >&2
    exit 1
  fi
fi
echo "prepare-host: ready"

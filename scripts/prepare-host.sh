#!/usr/bin/env bash
# Prepares the host for running containers, changing only what needs changing.
#
# On a cgroup v1/v2 hybrid host (/sys/fs/cgroup is a tmpfs of v1 hierarchies plus a cgroup2
# mount at /sys/fs/cgroup/unified), a controller that no v1 hierarchy claims stays enabled on the
# cgroup2 side. crun then refuses every container with "cgroups in hybrid mode not supported,
# drop all controllers from cgroupv2". Mounting a v1 hierarchy for each such controller moves it
# off cgroup2. Seen here for hugetlb. net_cls and net_prio, v1-only controllers that no
# hierarchy binds here, get one too (linux.resources.network).
set -euo pipefail
root=/sys/fs/cgroup
unified=$root/unified/cgroup.controllers
if [ "$(stat -f -c %T "$root" 2>/dev/null)" = "tmpfs" ] && [ -r "$unified" ]; then
  for ctrl in $(cat "$unified"); do
    echo "prepare-host: moving the $ctrl controller off cgroup2 (v1 hierarchy at $root/$ctrl)"
    mkdir -p "$root/$ctrl"
    mount -t cgroup -o "$ctrl" cgroup "$root/$ctrl"
  done
  # net_cls and net_prio (linux.resources.network) exist only on cgroup v1; when no hierarchy
  # binds them (hierarchy 0 in /proc/cgroups), mount them together as systemd does, so the
  # suite can verify linux.resources.network.
  if awk '($1 == "net_cls" || $1 == "net_prio") && $2 == 0 && $4 == 1 { n++ } END { exit n != 2 }' \
      /proc/cgroups; then
    echo "prepare-host: mounting a cgroup v1 hierarchy for net_cls,net_prio at $root/net_cls,net_prio"
    mkdir -p "$root/net_cls,net_prio"
    mount -t cgroup -o net_cls,net_prio cgroup "$root/net_cls,net_prio"
    for ctrl in net_cls net_prio; do
      [ -e "$root/$ctrl" ] || ln -s "net_cls,net_prio" "$root/$ctrl"
    done
  fi
  if [ -n "$(cat "$unified")" ]; then
    echo "prepare-host: cgroup2 still holds controllers: $(cat "$unified")" >&2
    exit 1
  fi
fi
echo "prepare-host: ready"

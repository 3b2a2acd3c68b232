#!/bin/busybox sh
# The init (pid 1) of the VM that scripts/vm-suite.sh boots: it runs `runtimetest suite` on each
# runtime inside a pure cgroup v2 guest and frames each report on the console with lines that
# start with "==== vm-suite guest:", which the host script reads:
#   ==== vm-suite guest: kernel 6.1.0-57-amd64, cgroup v2 only (controllers: cpu memory ...)
#   ==== vm-suite guest: runc begin
#   ==== vm-suite guest: runc end exit=0 seconds=150
#   ==== vm-suite guest: done
# Then it reboots, which ends QEMU (-no-reboot).
#
# runc and crun cannot pivot_root out of the initramfs (EINVAL: its rootfs is no mount they can
# move), so the first stage copies the root into a tmpfs and switch_root's into it.
# Read from the image: /etc/vm-suite/runtimes (one runtime path a line), /etc/vm-suite/args (one
# suite argument a line), /etc/vm-suite/modules/*.ko.
export PATH=/usr/sbin:/usr/bin:/sbin:/bin

say() { echo "==== vm-suite guest: $*"; }
die() {
  say "init failed: $*"
  reboot -f
}

if [ "$1" != stage2 ]; then
  /bin/busybox --install -s /bin
  mkdir -p /proc /newroot
  mount -t tmpfs -o mode=0755 tmpfs /newroot || die "mount tmpfs /newroot"
  for entry in /*; do
    case $entry in /newroot | /proc | /sys | /dev) continue ;; esac
    cp -a "$entry" /newroot/ || die "copy $entry into the tmpfs root"
  done
  mkdir -p /newroot/proc /newroot/sys /newroot/dev
  exec switch_root /newroot /init stage2
fi

mount -t proc proc /proc || die "mount /proc"
mount -t sysfs sysfs /sys || die "mount /sys"
mount -t devtmpfs devtmpfs /dev || die "mount /dev"
mkdir -p /dev/pts /dev/shm /sys/fs/cgroup /run /tmp
mount -t devpts -o newinstance,ptmxmode=0666 devpts /dev/pts || die "mount /dev/pts"
mount -t tmpfs -o mode=1777 tmpfs /dev/shm || die "mount /dev/shm"
mount -t tmpfs -o mode=0755 tmpfs /run || die "mount /run"
mount -t cgroup2 cgroup2 /sys/fs/cgroup || die "mount cgroup2"
ln -sf /proc/self/fd /dev/fd
hostname runtimetest-vm
ip link set lo up
for module in /etc/vm-suite/modules/*.ko; do
  [ -e "$module" ] || continue
  insmod "$module" || say "insmod $module failed"
done

v1=$(grep -c ' - cgroup ' /proc/self/mountinfo)
say "kernel $(uname -r), cgroup v2 only: cgroup2 at /sys/fs/cgroup, $v1 v1 hierarchies" \
  "(controllers: $(cat /sys/fs/cgroup/cgroup.controllers)), $(nproc) CPUs," \
  "$(awk '/MemTotal/ {print int($2 / 1024)}' /proc/meminfo) MiB"

# Every cgroup dir, runtime state dir entry and network interface, one a line: what a runtime
# leaves behind shows as new lines.
census() {
  find /sys/fs/cgroup -mindepth 1 -type d
  for root in /run/runc /run/crun; do
    [ -d "$root" ] && find "$root" -mindepth 1 -maxdepth 1 | sed 's/^/state /'
  done
  ip -o link show | awk -F': ' '{print "interface " $2}'
}

args_file=/etc/vm-suite/args
set --
while IFS= read -r arg; do set -- "$@" "$arg"; done <"$args_file"

status_file=/tmp/suite-status
while IFS= read -r runtime; do
  name=${runtime##*/}
  census | sort >/tmp/census-before
  say "$name begin"
  start=$(cut -d. -f1 /proc/uptime)
  # Through a pipe: the suite's progress line is for terminals only.
  { /bin/runtimetest suite --runtime "$runtime" "$@" 2>&1; echo $? >"$status_file"; } | cat
  status=$(cat "$status_file")
  seconds=$(($(cut -d. -f1 /proc/uptime) - start))
  census | sort >/tmp/census-after
  left=$(grep -vxF -f /tmp/census-before /tmp/census-after)
  if [ -n "$left" ]; then
    echo "$left" | while IFS= read -r what; do say "$name left behind: $what"; done
    # Removed so that the next runtime starts clean: cgroups deepest first.
    echo "$left" | grep '^/sys/fs/cgroup/' | sort -r | while IFS= read -r dir; do rmdir "$dir"; done
    [ "$status" = 0 ] && status=1
  fi
  say "$name end exit=$status seconds=$seconds"
done </etc/vm-suite/runtimes
say "done"
sync
reboot -f

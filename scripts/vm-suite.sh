#!/usr/bin/env bash
# Runs the suite on runc and crun inside a QEMU virtual machine that boots one of Debian's kernels
# with cgroup v2 only (cgroup_no_v1=all), so that the v2 code paths meet a real kernel whatever
# the host runs. Prints each report framed by "==== vm-suite" lines and exits with the suites'
# status: 0 when every report is green, 1 when one failed or a runtime left something behind,
# 2 when a VM could not be built or ended without its reports, 124 on timeout, 130/143 on
# SIGINT/SIGTERM. No QEMU process outlives the script.
#
#   scripts/vm-suite.sh                          # kernel 6.1 (Debian 12's), runc and crun
#   scripts/vm-suite.sh --kernel all             # 6.1, then 6.12
#   scripts/vm-suite.sh --runtime crun -- --filter '^linux.resources'
#
# Options: --kernel 6.1|6.12|all, --runtime NAME (repeatable; default runc and crun),
# --timeout SECS (per VM, default 1800), --no-build (use build/runtimetest as it is), --jobs N
# (VMs at once, default: one per host core, at most one per runtime); arguments after -- go to
# `runtimetest suite`.
# With more than one job, each runtime gets its own VM (one emulated core each, side by side) and
# each VM's output is printed whole when it ends; with --jobs 1, one VM runs the runtimes in turn
# and its output streams.
# Cache: downloaded kernel packages and the unpacked kernels (vmlinux and the modules the suite
# needs) under $RUNTIMETEST_VM_CACHE, default ${XDG_CACHE_HOME:-~/.cache}/runtimetest-vm.
#
# QEMU emulates the CPU (TCG, one thread): /dev/kvm, where a host has one, may be a paravirtual
# KVM that cannot boot a stock kernel, and multi-threaded TCG crashed a 6.12 guest once.
set -euo pipefail
cd "$(dirname "$0")/.."

kernels=()
runtimes=()
# A scenario gets 60 s in the guest (10 s on a host): the emulated CPU is about 30 times slower,
# and a busy host slows it further (at load 10 on 2 cores, runc's slowest scenarios took over 10 s).
suite_args=(--expected-failures /etc/vm-suite/expected-failures.txt --timeout 60)
user_args=()
timeout=1800
build=1
jobs=
while (($#)); do
  case $1 in
    --kernel) shift; if [ "${1:-}" = all ]; then kernels+=(6.1 6.12); else kernels+=("${1:?}"); fi ;;
    --runtime) shift; runtimes+=("${1:?}") ;;
    --timeout) shift; timeout=${1:?} ;;
    --no-build) build=0 ;;
    --jobs) shift; jobs=${1:?} ;;
    --) shift; user_args=("$@"); suite_args+=("$@"); break ;;
    -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "vm-suite: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
((${#kernels[@]})) || kernels=(6.1)
((${#runtimes[@]})) || runtimes=(runc crun)
[ -n "$jobs" ] || jobs=$(nproc)
[[ $jobs =~ ^[1-9][0-9]*$ ]] || { echo "vm-suite: --jobs wants a number of at least 1" >&2; exit 2; }
if ((jobs > ${#runtimes[@]})); then jobs=${#runtimes[@]}; fi
cache=${RUNTIMETEST_VM_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/runtimetest-vm}

say() { echo "==== vm-suite: $*"; }
fail() {
  say "$*" >&2
  exit 2
}

# --- everything that must end with the script: the work dir and the VM -------------------------
# A work dir left by a script that was SIGKILLed (its QEMU died with it) is removed here.
for stale in "${TMPDIR:-/tmp}"/runtimetest-vm-*; do
  [ -d "$stale" ] || continue
  pid=${stale##*/runtimetest-vm-}
  pid=${pid%%.*}
  [ -d "/proc/$pid" ] || rm -rf "$stale"
done
work=$(mktemp -d "${TMPDIR:-/tmp}/runtimetest-vm-$$.XXXXXX")
qemu_pid=
stop_vm() {
  [ -n "$qemu_pid" ] || return 0
  # The guest keeps nothing worth a clean shutdown.
  kill -KILL "$qemu_pid" 2>/dev/null || true
  wait "$qemu_pid" 2>/dev/null || true
  qemu_pid=
}
# With --jobs > 1: the child scripts, one VM each (pid -> what it runs).
declare -A children=()
stop_children() {
  local pid
  for pid in "${!children[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${!children[@]}"; do wait "$pid" 2>/dev/null || true; done
  children=()
}
cleanup() {
  stop_children
  stop_vm
  [ -n "${VM_KEEP_WORK:-}" ] || rm -rf "$work"
}
trap cleanup EXIT
trap 'trap "" INT TERM; say "interrupted (SIGINT), VM stopped"; exit 130' INT
trap 'trap "" INT TERM; say "terminated (SIGTERM), VM stopped"; exit 143' TERM

# --- what the host needs ------------------------------------------------------------------------
need=(qemu-system-x86 busybox-static runc crun iproute2 xz-utils zstd util-linux)
missing=()
for p in "${need[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  say "installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
if ((build)); then
  bash scripts/build.sh >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; fail "build failed"; }
fi
[ -x build/runtimetest ] || fail "no build/runtimetest (run scripts/build.sh)"

# The host, so that its reports and the VM's are told apart.
host_layout() {
  case $(stat -f -c %T /sys/fs/cgroup 2>/dev/null) in
    cgroup2fs) echo "cgroup v2 only" ;;
    tmpfs) if [ "$(stat -f -c %T /sys/fs/cgroup/unified 2>/dev/null)" = cgroup2fs ]; then
             echo "cgroup v1/v2 hybrid"; else echo "cgroup v1 only"; fi ;;
    *) echo "no cgroup mount at /sys/fs/cgroup" ;;
  esac
}
[ -n "${RUNTIMETEST_VM_CHILD:-}" ] ||
  say "host: kernel $(uname -r), $(host_layout); the reports below come from inside the VM"

# The guest's TSC runs at the host's rate under TCG. A guest kernel that calibrates it against
# the emulated PIT fails when the host is busy, finds no other reference on microvm and hangs in
# its delay-loop calibration; told the rate, it skips both.
host_tsc_khz() {
  local mhz
  mhz=$(dmesg 2>/dev/null | sed -n 's/.*tsc: \(Refined TSC clocksource calibration\|Detected\): \{0,1\}\([0-9.]*\) MHz.*/\2/p' | tail -1)
  [ -n "$mhz" ] || mhz=$(awk -F': ' '/^cpu MHz/ {print $2; exit}' /proc/cpuinfo)
  [ -n "$mhz" ] && awk -v mhz="$mhz" 'BEGIN {printf "%d\n", mhz * 1000}'
}
# loglevel=3: only critical kernel messages (an oops, a panic) interrupt the reports.
kernel_args='console=ttyS0 loglevel=3 cgroup_no_v1=all panic=-1 no_timer_check tsc=reliable'
if tsc_khz=$(host_tsc_khz) && ((tsc_khz > 0)); then
  kernel_args+=" tsc_early_khz=$tsc_khz"
else
  say "host TSC rate unknown: the guest calibrates its own, which can hang on a busy host"
fi

# --- kernels ------------------------------------------------------------------------------------
# The Debian package of a kernel line: the meta package names the current version.
meta_package() {
  case $1 in
    6.1) echo linux-image-amd64 ;;  # Debian 12's own kernel
    6.12) echo linux-image-6.12-amd64 ;;
    *) fail "unknown kernel $1 (6.1, 6.12 or all)" ;;
  esac
}
kernel_package() {
  apt-cache depends "$1" 2>/dev/null | awk '$1 == "Depends:" && $2 ~ /^linux-image-/ {print $2; exit}'
}
candidate() { apt-cache policy "$1" 2>/dev/null | awk '$1 == "Candidate:" {print $2; exit}'; }

# The uncompressed ELF inside a bzImage (QEMU boots microvm through the kernel's PVH entry, which
# only the ELF has): the kernel's extract-vmlinux logic, find a compressor's magic and unpack.
extract_vmlinux() {
  local image=$1 out=$2 entry tool magic offset
  for entry in 'xz:\xfd7zXZ\x00' 'zstd:\x28\xb5\x2f\xfd' 'gzip:\x1f\x8b\x08' 'lz4:\x02\x21\x4c\x18'; do
    tool=${entry%%:*}
    magic=${entry#*:}
    for offset in $(LC_ALL=C grep -obUaP "$magic" "$image" | cut -d: -f1 | head -5); do
      tail -c +$((offset + 1)) "$image" | "$tool" -dc >"$out" 2>/dev/null || true
      [ "$(head -c 4 "$out" | od -An -tx1 | tr -d ' ')" = 7f454c46 ] && return 0
    done
  done
  return 1
}

# Prints the directory of the unpacked kernel for a line (6.1, 6.12): vmlinux, release, package
# and modules/*.ko; downloads and unpacks it once.
kernel_dir() {
  local meta pkg version dir deb tree
  meta=$(meta_package "$1")
  pkg=$(kernel_package "$meta")
  if [ -z "$pkg" ]; then
    apt-get update -qq >&2
    pkg=$(kernel_package "$meta")
  fi
  [ -n "$pkg" ] || fail "apt knows no $meta"
  version=$(candidate "$pkg")
  dir=$cache/kernels/${pkg}_$version
  if [ -s "$dir/vmlinux" ]; then
    echo "$dir"
    return
  fi
  mkdir -p "$cache/debs"
  deb=$(ls "$cache/debs/${pkg}_${version/*:/}_"*.deb 2>/dev/null | head -1 || true)
  if [ -z "$deb" ]; then
    say "downloading $pkg $version into $cache/debs" >&2
    (cd "$cache/debs" && apt-get download -qq -o APT::Sandbox::User=root "$pkg=$version" >&2)
    deb=$(ls "$cache/debs/${pkg}_"*.deb | head -1)
  fi
  tree=$work/unpack
  rm -rf "$tree" "$dir.tmp"
  mkdir -p "$tree" "$dir.tmp/modules"
  dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$tree" --wildcards './boot/vmlinuz-*' \
    '*/fs/overlayfs/overlay.ko*' '*/drivers/net/veth.ko*' '*/drivers/net/dummy.ko*' \
    '*/drivers/net/ifb.ko*'
  local image
  image=$(ls "$tree"/boot/vmlinuz-*)
  extract_vmlinux "$image" "$dir.tmp/vmlinux" || fail "no compressed ELF found in $image"
  basename "$image" | sed 's/^vmlinuz-//' >"$dir.tmp/release"
  echo "$pkg $version" >"$dir.tmp/package"
  local module
  for module in $(find "$tree/lib/modules" -name '*.ko*'); do
    case $module in
      *.ko.xz) xz -dc "$module" >"$dir.tmp/modules/$(basename "$module" .xz)" ;;
      *.ko.zst) zstd -qdc "$module" >"$dir.tmp/modules/$(basename "$module" .zst)" ;;
      *.ko) cp "$module" "$dir.tmp/modules/" ;;
    esac
  done
  rm -rf "$tree" "$dir"
  mv "$dir.tmp" "$dir"
  echo "$dir"
}

# --- the image ----------------------------------------------------------------------------------
# Copies a dynamically linked program and the shared libraries it loads into the image root.
copy_with_libs() {
  local root=$1 program=$2 lib
  mkdir -p "$root$(dirname "$program")"
  cp -L "$program" "$root$program"
  for lib in $(ldd "$program" | awk '/=> \// {print $3} /^\t\// {print $1}'); do
    mkdir -p "$root$(dirname "$lib")"
    cp -Ln "$lib" "$root$lib"
  done
}

# Builds the initramfs for one kernel: busybox, the runtimes, ip, runtimetest, the expected
# failures, the kernel's modules and the init.
build_image() {
  local kdir=$1 image=$2 root=$work/root runtime
  rm -rf "$root"
  mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,etc/vm-suite/modules,proc,sys,dev,run,tmp,lib64}
  cp /bin/busybox "$root/bin/busybox"
  cp scripts/vm-init.sh "$root/init"
  chmod 0755 "$root/init"
  cp build/runtimetest "$root/bin/runtimetest"
  cp suite/expected-failures.txt "$root/etc/vm-suite/expected-failures.txt"
  cp "$kdir"/modules/*.ko "$root/etc/vm-suite/modules/" 2>/dev/null || true
  copy_with_libs "$root" "$(readlink -f "$(command -v ip)")"
  [ -e "$root/sbin/ip" ] || ln -s /bin/ip "$root/sbin/ip"
  : >"$root/etc/vm-suite/runtimes"
  for runtime in "${runtimes[@]}"; do
    local path
    path=$(command -v "$runtime") || fail "no runtime $runtime on the host"
    copy_with_libs "$root" "$path"
    echo "$path" >>"$root/etc/vm-suite/runtimes"
  done
  printf '%s\n' "${suite_args[@]}" >"$root/etc/vm-suite/args"
  (cd "$root" && find . -mindepth 1 | busybox cpio -o -H newc --quiet) >"$image"
}

# --- one VM -------------------------------------------------------------------------------------
overall=0
summary=()
run_kernel() {
  local line=$1 kdir release started image status=0 line_out
  started=$(date +%s)
  kdir=$(kernel_dir "$line")
  release=$(cat "$kdir/release")
  image=$work/initramfs-$release.cpio
  build_image "$kdir" "$image"
  say "kernel $line: $(cat "$kdir/package") ($release), image $(($(stat -c %s "$image") / 1048576)) MiB," \
    "prepared in $(($(date +%s) - started)) s; booting (TCG, timeout ${timeout} s)"
  local console=$work/console
  rm -f "$console"
  mkfifo "$console"
  # --pdeathsig: QEMU dies with this script even when the script is SIGKILLed; `exec`, so that
  # QEMU's parent is this script and not a subshell that would outlive it.
  exec setpriv --pdeathsig KILL -- qemu-system-x86_64 -M microvm -accel tcg,thread=single -cpu max \
    -m 2048 -smp 2 -display none -monitor none -serial stdio -nic none -no-user-config \
    -kernel "$kdir/vmlinux" -initrd "$image" -no-reboot \
    -append "$kernel_args" </dev/null >"$console" 2>&1 &
  qemu_pid=$!
  local fd deadline=$((started + timeout)) remaining read_status timed_out=0 done=0
  exec {fd}<"$console"
  declare -A ended=()
  while :; do
    remaining=$((deadline - $(date +%s)))
    if ((remaining <= 0)); then timed_out=1; break; fi
    read_status=0
    IFS= read -r -t "$remaining" -u "$fd" line_out || read_status=$?
    if ((read_status != 0)); then
      if ((read_status > 128)); then timed_out=1; fi
      if [ -n "$line_out" ]; then printf '%s\n' "${line_out%$'\r'}"; fi
      break
    fi
    line_out=${line_out%$'\r'}
    printf '%s\n' "$line_out"
    if [[ $line_out =~ ^====\ vm-suite\ guest:\ ([^ ]+)\ end\ exit=([0-9]+)\ seconds=([0-9]+)$ ]]; then
      ended[${BASH_REMATCH[1]}]="${BASH_REMATCH[2]} ${BASH_REMATCH[3]}"
    elif [[ $line_out == "==== vm-suite guest: done" ]]; then
      done=1
    fi
  done
  exec {fd}<&-
  if ((timed_out)); then stop_vm; else wait "$qemu_pid" || true; qemu_pid=; fi
  local runtime name code seconds parts=()
  for runtime in "${runtimes[@]}"; do
    name=$(basename "$runtime")
    if [ -n "${ended[$name]:-}" ]; then
      read -r code seconds <<<"${ended[$name]}"
      parts+=("$name exit $code ($seconds s)")
      ((code == 0)) || status=1
    else
      parts+=("$name: no report")
      status=2
    fi
  done
  ((done)) || ((status)) || status=2
  if ((timed_out)); then status=124; fi
  local text="kernel $line ($release):" part
  for part in "${parts[@]}"; do text+=" $part;"; done
  text+=" $(($(date +%s) - started)) s in all"
  if ((timed_out)); then text+=", TIMED OUT after $timeout s"; fi
  summary+=("$text")
  ((status == 0)) || ((overall != 0)) || overall=$status
}

# One VM per kernel and runtime, `jobs` at a time: each is this script for one runtime, run as a
# child whose output goes to a file and is printed whole when it ends. A child dies with this
# script (parent-death signal), and its QEMU with it.
run_parallel() {
  local line runtime name pid status queue=() log
  declare -A logs=()
  for line in "${kernels[@]}"; do
    kernel_dir "$line" >/dev/null  # downloaded and unpacked once, before the VMs share the cache
    for runtime in "${runtimes[@]}"; do queue+=("$line $runtime"); done
  done
  finish_one() {
    local pid status=0 text
    wait -n -p pid || status=$?
    [ -n "${pid:-}" ] || return 0
    say "${children[$pid]}: its VM's output follows"
    cat "${logs[$pid]}"
    while IFS= read -r text; do summary+=("$text"); done \
      < <(sed -n 's/^==== vm-suite: \(kernel .* in all.*\)$/\1/p' "${logs[$pid]}")
    unset "children[$pid]"
    ((status == 0)) || ((overall != 0)) || overall=$status
  }
  for job in "${queue[@]}"; do
    read -r line runtime <<<"$job"
    name=$(basename "$runtime")
    log=$work/vm-$line-$name.log
    RUNTIMETEST_VM_CHILD=1 setpriv --pdeathsig KILL -- bash "$0" --kernel "$line" \
      --runtime "$runtime" --timeout "$timeout" --no-build --jobs 1 -- "${user_args[@]}" \
      >"$log" 2>&1 &
    children[$!]="kernel $line, $name"
    logs[$!]=$log
    say "kernel $line, $name: VM started, ${#children[@]} running"
    while ((${#children[@]} >= jobs)); do finish_one; done
  done
  while ((${#children[@]})); do finish_one; done
}

started_all=$(date +%s)
if ((jobs == 1)); then
  for line in "${kernels[@]}"; do run_kernel "$line"; done
else
  run_parallel
fi
[ -n "${RUNTIMETEST_VM_CHILD:-}" ] || say "$((${#kernels[@]} * ${#runtimes[@]})) runs in $(($(date +%s) - started_all)) s, $jobs VM(s) at a time"
for s in "${summary[@]}"; do say "$s"; done
say "exit $overall"
exit "$overall"

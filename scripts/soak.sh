#!/usr/bin/env bash
# Soak test of the suite's cleanup: N runs of a cheap subset of scenarios, most of them cut short
# at a random moment by SIGINT, SIGTERM or SIGKILL, some with a very short --timeout; after a
# SIGKILL (which no process can clean up after) `runtimetest suite --cleanup` runs. Then a census
# of what these runs left on the host, counted per kind; exits 1 if any count is not zero.
#
#   scripts/soak.sh N [runtime ...]   runtime: a name in $PATH or a path (default runc);
#                                     several: each run drives them all in one call
#
# Only what carries the suite pid of one of these runs is counted: suites of other people running
# at the same time are neither counted nor touched. Environment: RUNTIMETEST (the binary, default
# build/runtimetest), SOAK_FILTER (the scenarios, a --filter regex).
set -uo pipefail
cd "$(dirname "$0")/.."

runs=${1:?usage: scripts/soak.sh N [runtime ...]}
shift
(($#)) || set -- runc
runtime_flags=()
names=()
for name in "$@"; do
  path=$(command -v "$name") || { echo "soak: no runtime $name" >&2; exit 2; }
  runtime_flags+=(--runtime "$path")
  names+=("$(basename "$path")")
done
binary=${RUNTIMETEST:-build/runtimetest}
# Cheap scenarios that still create what can leak: cgroups (resources), an exec'd process, a
# network interface, a bind mount, a runtime-rejected config.
filter=${SOAK_FILTER:-'^(hostname/set|process\.cwd/subdir|process\.rlimits/reject-unknown-type|linux\.resources/(pids-limit|memory-limit)|process\.execCPUAffinity/exec-final|linux\.netDevices/rename|mounts/bind|linux\.namespaces/ipc-path|ops/start/running-is-error)$'}
log=$(mktemp -d "${TMPDIR:-/tmp}/soak-log-XXXXXX")

pids=()
declare -A how=()
for ((i = 1; i <= runs; i++)); do
  timeout_flag=()
  ((RANDOM % 8 == 0)) && timeout_flag=(--timeout 0.05)
  "$binary" suite "${runtime_flags[@]}" --filter "$filter" "${timeout_flag[@]}" \
    >"$log/$i.out" 2>&1 &
  pid=$!
  pids+=("$pid")
  # A signal at a random moment of the run (a run of this subset takes about 0.7 s per
  # runtime), or none.
  delay=$(printf '%d.%03d' $((RANDOM % $# )) $((RANDOM % 700)))
  case $((RANDOM % 10)) in
    0 | 1 | 2 | 3) signal=INT ;;
    4 | 5) signal=TERM ;;
    6 | 7) signal=KILL ;;
    *) signal=none ;;
  esac
  how[$pid]="$signal ${timeout_flag[*]:-}"
  if [[ $signal != none ]]; then
    sleep "$delay"
    kill -s "$signal" "$pid" 2>/dev/null
  fi
  wait "$pid" 2>/dev/null  # (no "Killed" line from bash for a SIGKILLed run)
  status=$?
  if [[ $signal == KILL ]]; then
    "$binary" suite --cleanup "${runtime_flags[@]}" >"$log/$i.cleanup" 2>&1 ||
      echo "soak: run $i (pid $pid): --cleanup exited non-zero, see $log/$i.cleanup" >&2
  fi
  if grep -q '^not ok .*nothing-left-behind' "$log/$i.out"; then
    echo "soak: run $i (pid $pid, ${how[$pid]}) reported leftovers:" >&2
    grep -A3 '^not ok .*nothing-left-behind' "$log/$i.out" >&2
  fi
  echo "$i $pid ${how[$pid]} exit $status" >>"$log/runs"
done

# The census: what carries the pid of one of these runs.
ours=$(IFS='|'; echo "${pids[*]}")
id_re="runtimetest-($ours)(-|\$|/)"
name_re="^(runtimetest-($ours)(-[0-9]+)?|runtimetest-suite-($ours)-.*|rt($ours)n)\$"

count_containers=0
for rt in runc crun; do
  path=$(command -v "$rt") || continue
  n=$("$path" list -q 2>/dev/null | grep -cE "^runtimetest-($ours)-")
  count_containers=$((count_containers + n))
done
count_state=$(ls /run/runc /run/crun 2>/dev/null | grep -cE "$name_re")
count_cgroups=0
while read -r mount_point; do
  n=$(find "$mount_point" -mindepth 1 -maxdepth 3 -type d 2>/dev/null | grep -cE "/$id_re")
  count_cgroups=$((count_cgroups + n))
done < <(awk '$0 ~ / - cgroup2? / { print $5 }' /proc/self/mountinfo)
count_mounts=$(grep -cE "runtimetest-(suite-)?($ours)-" /proc/self/mountinfo)
count_workdirs=$(ls -d /dev/shm/runtimetest-suite-* /tmp/runtimetest-suite-* \
  "${TMPDIR:-/tmp}"/runtimetest-suite-* 2>/dev/null | sort -u | grep -cE "runtimetest-suite-($ours)-")
count_processes=0
for dir in /proc/[0-9]*; do
  [[ ${dir#/proc/} == "$$" ]] && continue
  if { tr '\0' '\n' <"$dir/cmdline"; } 2>/dev/null | grep -qE "runtimetest-(suite-)?($ours)-" ||
    grep -qE "/runtimetest-($ours)(/|-)" "$dir/cgroup" 2>/dev/null; then
    count_processes=$((count_processes + 1))
  fi
done
count_interfaces=$(ls /sys/class/net 2>/dev/null | grep -cE "^rt($ours)n\$")

echo "soak: $runs runs of ${names[*]} ($(awk '{print $3}' "$log/runs" | sort | uniq -c |
  awk '{printf "%s%s %s", sep, $1, $2; sep=", "}')), logs in $log"
total=0
for kind in containers state cgroups mounts workdirs processes interfaces; do
  var=count_$kind
  printf 'soak: census %-11s %d\n' "$kind" "${!var}"
  total=$((total + ${!var}))
done
((total == 0))

#!/usr/bin/env bash
# The matrix page in a real browser: Debian's chromium, headless, loads the HTML matrix (made by
# `runtimetest suite --report matrix:FILE.html` or `runtimetest report merge`), runs the page's
# own script, which counts what the DOM holds (scenario rows, and per column the cells of each
# verdict), and dumps the DOM. The counts must equal the page's counts table (and ROWS, when
# given): a row or a cell lost to bad escaping or broken markup makes them differ.
#
#   scripts/browser-test.sh FILE.html [ROWS]
#
# Exits 0 when the page renders as it says, 1 when not, 2 when it cannot test (no chromium).
set -euo pipefail
page=$(realpath "${1:?usage: scripts/browser-test.sh FILE.html [ROWS]}")
rows=${2:-}
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
browser=$(command -v chromium || command -v chromium-browser) ||
  { echo "browser-test: no chromium (scripts/install-deps.sh installs it)" >&2; exit 2; }
start=$(date +%s%N)
# --no-sandbox: chromium's sandbox refuses to run as root; the page is our own.
timeout 120 "$browser" --headless --no-sandbox --disable-gpu --user-data-dir="$tmp/profile" \
  --dump-dom "file://$page" >"$tmp/dom.html" 2>"$tmp/chromium.log" || {
  echo "browser-test: chromium failed:" >&2
  tail -5 "$tmp/chromium.log" >&2
  exit 1
}
ms=$((($(date +%s%N) - start) / 1000000))
rendered=$(grep -o '<p id="rendered">rendered: [^<]*</p>' "$tmp/dom.html" |
  sed 's/<p id="rendered">rendered: //; s/<\/p>//') || true
if [[ -z $rendered ]]; then
  echo "browser-test: the page's script wrote nothing into the DOM" >&2
  exit 1
fi
# What the page says there is: the scenario rows in its source, and the counts table.
expected="rows $(grep -c '<tr class="scenario">' "$page")"
columns=$(grep -o '<td data-column="[0-9]*" data-verdict="pass">' "$page" | wc -l)
for ((c = 1; c <= columns; c++)); do
  for v in pass fail expected-failure skip unexpected-pass not-run; do
    n=$(grep -o "<td data-column=\"$c\" data-verdict=\"$v\">[0-9]*</td>" "$page" |
      sed 's/.*">\([0-9]*\)<.*/\1/')
    expected+="; $c $v $n"
  done
done
status=0
if [[ $rendered != "$expected" ]]; then
  echo "browser-test: the DOM holds: $rendered" >&2
  echo "browser-test: the page says: $expected" >&2
  status=1
fi
if [[ -n $rows && $rendered != "rows $rows;"* ]]; then
  echo "browser-test: expected $rows scenario rows, the DOM holds: ${rendered%%;*}" >&2
  status=1
fi
((columns > 0)) || { echo "browser-test: no column in the counts table" >&2; status=1; }
echo "browser-test: $page in $(basename "$browser") ($ms ms): $rendered"
exit $status

#!/usr/bin/env bash
# Lists the normative statements of the runtime-spec files that spec/statements.tsv indexes, one
# per line: file, line, anchor (GitHub's anchor of the section the line is in), level.
#
#   bash scripts/spec-statements.sh SPEC_DIR           # what the index must list, in its order
#   bash scripts/spec-statements.sh SPEC_DIR --text    # the same and the spec's line (to read)
#   bash scripts/spec-statements.sh SPEC_DIR --check spec/statements.tsv
#                                                      # exit 1 and the differences on drift
# Exit 77 (ctest's skip) when SPEC_DIR does not exist.
#
# A statement is one (line, level) pair: a line with two MUSTs is one MUST statement, a line with
# a MUST and a SHOULD is two. Levels: MUST, MUST NOT, SHOULD, SHOULD NOT, REQUIRED, RECOMMENDED,
# NOT RECOMMENDED, in upper case only (RFC 8174: lower-case words are plain English). MAY and
# OPTIONAL grant a permission a runtime cannot break, so they are not listed. Fenced code blocks
# are skipped.
set -euo pipefail

files=(config.md config-linux.md runtime.md runtime-linux.md)

usage() {
  echo "usage: $0 SPEC_DIR [--text | --check INDEX.tsv]" >&2
  exit 2
}

(($# >= 1)) || usage
spec_dir=$1
mode=${2:-}
case $mode in
  "" | --text) ;;
  --check) (($# == 3)) || usage ;;
  *) usage ;;
esac

extract() {
  local with_text=$1 f
  for f in "${files[@]}"; do
    [[ -r $spec_dir/$f ]] || { echo "$0: cannot read $spec_dir/$f" >&2; exit 1; }
    awk -v file="$f" -v with_text="$with_text" '
      function anchor(heading,   a, base) {
        sub(/^#+[ \t]*/, "", heading)
        gsub(/<[^>]*>/, "", heading)          # <a name="..." /> tags
        gsub(/^[ \t]+|[ \t]+$/, "", heading)
        a = tolower(heading)
        gsub(/[^a-z0-9 _-]/, "", a)           # GitHub drops punctuation but - and _
        gsub(/ /, "-", a)
        base = a
        if (base in seen) a = base "-" seen[base]
        seen[base]++
        return a
      }
      /^[ \t]*```/ { fenced = !fenced; next }
      fenced { next }
      /^#+ / { section = anchor($0); next }
      {
        rest = $0
        n = 0
        delete have
        while (match(rest, /(NOT RECOMMENDED|MUST NOT|SHOULD NOT|MUST|SHOULD|REQUIRED|RECOMMENDED)/)) {
          word = substr(rest, RSTART, RLENGTH)
          before = RSTART > 1 ? substr(rest, RSTART - 1, 1) : " "
          after = substr(rest, RSTART + RLENGTH, 1)
          rest = substr(rest, RSTART + RLENGTH)
          if (before ~ /[A-Za-z0-9_]/ || after ~ /[A-Za-z0-9_]/) continue
          if (word in have) continue
          have[word] = 1
          line = file "\t" NR "\t" section "\t" word
          if (with_text) { text = $0; sub(/^[ \t]+/, "", text); line = line "\t" text }
          print line
        }
      }' "$spec_dir/$f"
  done
}

if [[ ! -d $spec_dir ]]; then
  echo "$0: no runtime-spec text at $spec_dir: skipped" >&2
  exit 77
fi

case $mode in
  "") extract 0 ;;
  --text) extract 1 ;;
  --check)
    # The index's columns 2-5 (file, line, anchor, level) must be the extraction, line for line.
    if ! diff <(extract 0) <(grep -v '^#' "$3" | cut -f2-5) >/dev/null; then
      echo "$0: $3 and the spec in $spec_dir differ (< spec, > index):" >&2
      diff <(extract 0) <(grep -v '^#' "$3" | cut -f2-5) >&2 || true
      exit 1
    fi
    ;;
esac

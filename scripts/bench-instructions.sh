#!/bin/sh
# Instructions per default game, as every performance round counts them (docs/performance.md):
# callgrind on `entangled simulate --games 6 --threads 1` minus `--games 2`, divided by four, so
# that loading the scenario and starting the program cancel out. Instruction counts do not depend
# on the machine's load, unlike the wall clock.
#
#   scripts/bench-instructions.sh [binary] [extra simulate options…]
#
# The binary defaults to .build/release/entangled. Valgrind 3.19 cannot read the DWARF 5 debug
# information Swift writes, so a `strip -g` copy (symbols kept) is what runs. Prints the count per
# game; with KEEP=1 the two callgrind.out files stay in /tmp for `callgrind_annotate`.
set -eu
binary=${1:-.build/release/entangled}
[ $# -gt 0 ] && shift
tmp=$(mktemp -d /tmp/bench-instructions.XXXXXX)
strip -g -o "$tmp/entangled" "$binary"
count() {
    games=$1
    shift
    valgrind --tool=callgrind --callgrind-out-file="$tmp/callgrind.$games" \
        "$tmp/entangled" simulate --games "$games" --threads 1 "$@" >/dev/null 2>"$tmp/log.$games"
    sed -n 's/^summary: //p' "$tmp/callgrind.$games"
}
two=$(count 2 "$@")
six=$(count 6 "$@")
echo "$(( (six - two) / 4 )) instructions per game ($binary)"
if [ "${KEEP:-0}" = 1 ]; then echo "callgrind files: $tmp/callgrind.2 $tmp/callgrind.6"; else rm -rf "$tmp"; fi

#!/usr/bin/env bash
# Regenerates docs/balance.md: the balance targets of issue 14 (item 6), measured with the release
# build over fixed seed ranges. Usage: scripts/balance.sh [path/to/entangled]
# The runs: 400 standard games (seeds 1–400); novice and expert on seeds 1–200; the same starting
# world with no spoiler or state-directed delegation (CN and RU play as middle powers) and with every
# delegation a spoiler, standard players, seeds 1–200; then the scenario library's section
# (scripts/balance-library.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="${1:-}"
if [ -z "$BIN" ]; then
  export PATH=/opt/swift/usr/bin:$PATH
  swift build -c release >/dev/null
  BIN="$(swift build -c release --show-bin-path)/entangled"
fi
OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT
sim() { local name=$1; shift; "$BIN" simulate --format json "$@" > "$OUT/$name.json"; }
sim standard --games 400 --seed 1
sim novice --games 200 --seed 1 --ai-level novice
sim expert --games 200 --seed 1 --ai-level expert
sim nospoiler --games 200 --seed 1 --doctrine CN=middle-power --doctrine RU=middle-power
sim allspoiler --games 200 --seed 1 --doctrine all=spoiler
python3 scripts/balance-report.py "$OUT" > docs/balance.md
# The scenario library (issue 19): 400 standard games of each library scenario, with its intended
# outcomes and bands (scripts/balance-library.py holds the bands).
{ echo; scripts/balance-library.sh "$BIN"; } >> docs/balance.md
echo "wrote docs/balance.md"

#!/bin/sh
# Balances the scenario library: plays 400 computer-played games (standard players, seeds 1–400)
# of each library scenario and prints a markdown section for docs/balance.md on stdout, with each
# scenario's intended outcomes, their bands and whether the measurement meets them.
#
# Usage: scripts/balance-library.sh BINARY [GAMES] > section.md
#   BINARY  an `entangled` binary (a release build: 400 games of each scenario take seconds)
#   GAMES   games per scenario (default 400)
# Re-run it whenever the rules change; the bands live in scripts/balance-library.py.
set -eu
if [ $# -lt 1 ]; then
    echo "usage: scripts/balance-library.sh BINARY [GAMES] > section.md" >&2
    exit 2
fi
binary=$1
games=${2:-400}
if [ ! -x "$binary" ]; then
    echo "error: $binary is not an executable; give the path of an entangled binary (e.g. .build/release/entangled)." >&2
    exit 2
fi
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for id in migration-window pacific-harvest transatlantic-rift; do
    "$binary" simulate --scenario "$root/Scenarios/$id.yaml" --games "$games" --seed 1 --format json > "$work/$id.json"
done
python3 "$root/scripts/balance-library.py" "$work"

#!/usr/bin/env bash
# The accuracy gate run by CI: process the seed, the corpus copy (7 variants of 18 documents)
# and the held-out wire-style documents, score each against its gold, and fail (exit 9) when a
# score falls more than 0.02 below tests/eval_baseline.json (CER: 0.002 above it).
#   bash scripts/gate.sh            the gate
#   bash scripts/gate.sh --update   record the current scores as the new baseline
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.venv/bin}
WORK=${GATE_OUT:-$(mktemp -d)}
UPDATE=()
[ "${1:-}" = "--update" ] && UPDATE=(--update-baseline)
BASE=tests/eval_baseline.json

gate() {  # scope, input folder, gold folder
  echo "== $1"
  "$BIN/mosaic" run "$2" --out "$WORK/$1" -q
  "$BIN/mosaic" eval --out "$WORK/$1" --gold "$3" --baseline "$BASE" --baseline-scope "$1" \
    "${UPDATE[@]}"
}

gate seed seeds tests/corpus/seed_gold
gate corpus tests/corpus/inputs tests/corpus/gold
# the held-out documents' inputs are their clean texts; their gold files stay out of the run
mkdir -p "$WORK/heldout_in"
cp tests/heldout/*.clean.txt "$WORK/heldout_in/"
gate heldout "$WORK/heldout_in" tests/heldout

#!/usr/bin/env bash
# The accuracy gate run by CI: process the seed and the corpus copy, score both against gold,
# fail (exit 9) when a score falls more than 0.02 below tests/eval_baseline.json.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.venv/bin}
WORK=${GATE_OUT:-$(mktemp -d)}
"$BIN/mosaic" run seeds/ --out "$WORK/seed" -q
"$BIN/mosaic" eval --out "$WORK/seed" --gold tests/corpus/seed_gold \
  --baseline tests/eval_baseline.json --baseline-scope seed
"$BIN/mosaic" run tests/corpus/inputs --out "$WORK/corpus" -q
"$BIN/mosaic" eval --out "$WORK/corpus" --gold tests/corpus/gold \
  --baseline tests/eval_baseline.json --baseline-scope corpus

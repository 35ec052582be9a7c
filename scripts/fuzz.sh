#!/usr/bin/env bash
# The fuzzer: schemathesis (PyPI, in .tools/fuzz-venv) against the built server. FUZZ_EXAMPLES sets the budget.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=.tools/fuzz-venv
if [ ! -x "$venv/bin/st" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet schemathesis==4.32.5
fi
[ -f dist/server.js ] || npm run build
node scripts/fuzz.mjs

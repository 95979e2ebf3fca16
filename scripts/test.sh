#!/usr/bin/env bash
# The one test command (README and CI): type-check, unit and chart tests, then render and validate.
set -euo pipefail
cd "$(dirname "$0")/.."
export CDK8S_CHECK_UPGRADE=false

step() { printf '\n== %s\n' "$*"; }

step "type-check (tsc $(npx --no-install tsc --version | awk '{print $2}'))"
npx --no-install tsc --noEmit -p tsconfig.json

step "unit and chart tests (jest)"
npx --no-install jest --ci

step "render every environment"
npx --no-install tsx main.ts

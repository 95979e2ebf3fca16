#!/usr/bin/env bash
# Checks the GitHub Actions workflows in .github/workflows/ with the pinned actionlint (syntax,
# expressions, action inputs, permissions; run: scripts too when shellcheck is on PATH).
# Any finding fails. Usage: bash scripts/lint-workflows.sh [WORKFLOW...]   (default: all of them)
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/tools.sh actionlint >/dev/null
shopt -s nullglob
workflows=("$@")
[[ $# -gt 0 ]] || workflows=(.github/workflows/*.yml .github/workflows/*.yaml)
if [[ ${#workflows[@]} -eq 0 ]]; then
  echo "no workflows in .github/workflows/" >&2
  exit 1
fi
.tools/bin/actionlint -no-color "${workflows[@]}"
echo "actionlint: ${#workflows[@]} workflows, no findings"

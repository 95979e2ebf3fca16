#!/usr/bin/env bash
# The one test command (README and CI): type-check, unit and chart tests, then render and validate.
set -euo pipefail
if [ $# -gt 0 ]; then
  printf 'test: unknown argument %s\nusage: npm test\nType-check, tests, render, validate, policies, scanners and the bootstrap; takes no arguments.\n' "$1" >&2
  exit 2
fi
# A relative UPSTREAM_DIR (as the README suggests) is relative to where the command was started:
# make it absolute once, so every step sees the same folder (the bootstrap's tests run in bootstrap/).
if [ -n "${UPSTREAM_DIR:-}" ] && [ "${UPSTREAM_DIR#/}" = "$UPSTREAM_DIR" ]; then
  UPSTREAM_DIR="$(cd "${INIT_CWD:-$PWD}" && cd "$UPSTREAM_DIR" 2>/dev/null && pwd || echo "${INIT_CWD:-$PWD}/$UPSTREAM_DIR")"
  export UPSTREAM_DIR
fi
cd "$(dirname "$0")/.."
export CDK8S_CHECK_UPGRADE=false

# Each header carries the seconds elapsed so far (npm run bench reads them as per-step times).
step() { printf '\n== %s [at %ss]\n' "$*" "$SECONDS"; }

step "type-check (tsc $(npx --no-install tsc --version | awk '{print $2}'))"
npx --no-install tsc --noEmit -p tsconfig.json

# The workflows run the steps below on every pull request and push; a finding fails the build.
step "GitHub Actions workflows (actionlint)"
bash scripts/lint-workflows.sh

# The validator tests and `npm run validate` need kubectl-validate, the pinned CRDs and charts,
# and helm (release rendering); the rehearsal tests and step need the control plane and the
# platform's controllers (Argo Rollouts, Kyverno's admission controller, KEDA).
step "pinned tools and upstream files"
bash scripts/tools.sh kubectl-validate kyverno helm control-plane controllers
npx --no-install tsx scripts/fetch-upstream.ts

# Pure tests first: they fail fastest. The tool-backed ones run below, beside the other checks.
step "unit tests (jest, unit project)"
npx --no-install jest --ci --selectProjects unit

step "render every environment"
npx --no-install tsx main.ts

# The bootstrap is its own package (CDK Terrain): installed once here, checked in the chains below.
npm --prefix bootstrap ls --depth=0 >/dev/null 2>&1 || npm --prefix bootstrap ci --no-audit --no-fund

# Three independent chains share the two cores: validate + plan and the bootstrap's type-check and
# tests; policies, the bootstrap's synth and the scanners; the integration tests (real tools, git,
# CLIs). Each chain's output is printed whole, with its own time, when it ends; any failing fails
# the run.
LOGS="$(mktemp -d)"
trap 'rm -rf "$LOGS"' EXIT
chain() { # chain <name> <command...>: runs in the background, output and time into $LOGS/<name>
  local name="$1"
  shift
  ( start=$SECONDS; set -e; "$@"; echo "-- $name: passed in $((SECONDS - start)) s" ) >"$LOGS/$name" 2>&1 &
}
render_checks() {
  echo "-- validate rendered manifests (kubectl-validate) and Helm values (pinned chart defaults)"
  npx --no-install tsx scripts/validate.ts
  echo "-- sync plan: every Application rendered as Argo CD would (real Helm, pinned charts), then the gate"
  npx --no-install tsx scripts/plan.ts
  # The bootstrap's contract test reads the dist/ rendered above.
  echo "-- bootstrap: type-check, tests (incl. the contract with dist/)"
  npm --prefix bootstrap run --silent typecheck
  npm --prefix bootstrap test --silent
}
policy_checks() {
  echo "-- Kyverno policies with the real engine: test suites, conformance and Pod Security of every workload"
  bash scripts/tools.sh kyverno
  npx --no-install tsx scripts/policies.ts
  echo "-- bootstrap: synth (Terraform JSON for the scanners)"
  npm --prefix bootstrap run --silent synth
  # The scan reads dist/ and the bootstrap's Terraform JSON just rendered.
  echo "-- third-party scanners (kube-score, Checkov; kube-linter and Polaris when installed) with the dated allowlist"
  bash scripts/tools.sh kube-score checkov
  npx --no-install tsx scripts/scan.ts
}
integration_tests() {
  echo "-- integration tests (jest, integration project: Helm, kubectl-validate, Kyverno CLI, git, CLIs)"
  npx --no-install jest --ci --selectProjects integration
}
step "three chains at once: validate, sync plan, bootstrap tests | policies, bootstrap synth, scanners | integration tests"
chain render-checks render_checks
render_checks_pid=$!
chain policy-checks policy_checks
policy_checks_pid=$!
chain integration-tests integration_tests
integration_tests_pid=$!
failed=0
for name in render-checks policy-checks integration-tests; do
  pid_var="${name//-/_}_pid"
  wait "${!pid_var}" || { failed=1; echo "-- $name: FAILED" >>"$LOGS/$name"; }
  cat "$LOGS/$name"
done
if [ "$failed" -ne 0 ]; then
  echo "test: a check failed (see above)" >&2
  exit 1
fi

# Last, timed on its own: the control-plane tests (jest), then every environment on a throw-away
# local control plane with Karpenter's kwok provider, one after another (each prints its time); all
# run even when one fails, and a failed rehearsal fails the run at the end.
step "rehearsal: each environment applied to a real control plane in Argo CD's order, invariants on the live cluster"
rehearsal_rc=0
npx --no-install jest --ci --selectProjects control-plane || rehearsal_rc=$?
npx --no-install tsx scripts/rehearse.ts || rehearsal_rc=$?

step "done"
if [[ $rehearsal_rc -ne 0 ]]; then
  echo "rehearsal failed (exit $rehearsal_rc): see its report above" >&2
  exit "$rehearsal_rc"
fi

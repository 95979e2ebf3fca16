#!/usr/bin/env bash
# Installs the pinned third-party manifest-checking CLIs into .tools/ (git-ignored).
# Binaries land in .tools/bin/; each has a stamp .tools/bin/.NAME.version holding
# the pin it was built from, so a re-run reuses what is already at the pin.
#
# Usage: bash scripts/tools.sh [TOOL...]     (no argument: all tools)
# Tools: kubectl-validate kyverno helm kube-score kube-linter polaris checkov actionlint
# Then:  export PATH="$PWD/.tools/bin:$PATH"
#
# Needs Go (go.mod of kyverno asks for >= 1.26.5) with a reachable module proxy,
# and python3 with venv + pip. Builds run one after another (they are CPU-heavy).
set -euo pipefail

# kubectl-validate: schema validation of rendered manifests; untagged commit because v0.0.4 only knows Kubernetes <= 1.30
KUBECTL_VALIDATE_VERSION=v0.0.5-0.20260105161640-a97ccfaca20b
# kyverno CLI: runs the platform's Kyverno policies against rendered manifests offline
KYVERNO_VERSION=v1.19.0
# helm: renders every upstream chart the way Argo CD's repo-server does (Argo CD embeds Helm 3)
HELM_VERSION=v3.21.4
# kube-score: best-practice scoring of workloads (probes, resources, security context)
KUBE_SCORE_VERSION=v1.20.0
# kube-linter: lint checks for Kubernetes YAML (privileges, anti-affinity, ...)
KUBE_LINTER_VERSION=v0.8.3
# polaris: Fairwinds configuration audit of workloads; pinned to a commit (pseudo-version)
POLARIS_VERSION=v0.0.0-20260806161001-dafa0b74fc09
# checkov: IaC security scanner (Kubernetes manifests), installed from PyPI into a virtualenv
CHECKOV_VERSION=3.3.30
# actionlint: checks the GitHub Actions workflows (syntax, expressions, action inputs; run: scripts too when shellcheck is on PATH)
ACTIONLINT_VERSION=v1.7.12

ALL_TOOLS=(kubectl-validate kyverno helm kube-score kube-linter polaris checkov actionlint)

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS_DIR="$ROOT/.tools"
BIN_DIR="$TOOLS_DIR/bin"
LOG_DIR="$TOOLS_DIR/log"
SRC_DIR="$TOOLS_DIR/src"
VENV_DIR="$TOOLS_DIR/venv"
PYTHON="${PYTHON:-python3}"

# Reproducible paths in binaries; keep any GOFLAGS the caller already has.
export GOFLAGS="-trimpath${GOFLAGS:+ $GOFLAGS}"
GO_LDFLAGS="-s -w"

usage() {
  sed -n '2,11p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

pin_of() {
  case "$1" in
    kubectl-validate) echo "$KUBECTL_VALIDATE_VERSION" ;;
    kyverno) echo "$KYVERNO_VERSION" ;;
    helm) echo "$HELM_VERSION" ;;
    kube-score) echo "$KUBE_SCORE_VERSION" ;;
    kube-linter) echo "$KUBE_LINTER_VERSION" ;;
    polaris) echo "$POLARIS_VERSION" ;;
    checkov) echo "$CHECKOV_VERSION" ;;
    actionlint) echo "$ACTIONLINT_VERSION" ;;
    *) return 1 ;;
  esac
}

stamp_of() { echo "$BIN_DIR/.$1.version"; }

# A tool is reused only if its stamp matches the pin and its binary still runs.
is_current() {
  local name="$1" pin="$2" stamp
  stamp="$(stamp_of "$name")"
  [[ -f "$stamp" && "$(cat "$stamp")" == "$pin" && -x "$BIN_DIR/$name" ]] || return 1
  if [[ "$name" == checkov ]]; then
    "$VENV_DIR/bin/python" -c '' >/dev/null 2>&1 || return 1
  fi
}

need_go() {
  command -v go >/dev/null 2>&1 || { echo "go not found on PATH" >&2; return 1; }
}

go_install() { # module/path/to/cmd version [extra -ldflags]
  need_go
  GOBIN="$BIN_DIR" go install -ldflags="$GO_LDFLAGS${3:+ $3}" "$1@$2"
}

# The -X flags set the version string the way each upstream release build does
# (it otherwise prints "development"); the linker ignores a -X it cannot apply.
install_kubectl-validate() { go_install sigs.k8s.io/kubectl-validate "$1"; }
install_helm() { go_install helm.sh/helm/v3/cmd/helm "$1" "-X helm.sh/helm/v3/internal/version.version=$1"; }
install_kube-score() { go_install github.com/zegl/kube-score/cmd/kube-score "$1" "-X main.version=${1#v}"; }
install_kube-linter() {
  go_install golang.stackrox.io/kube-linter/cmd/kube-linter "$1" \
    "-X golang.stackrox.io/kube-linter/internal/version.version=${1#v}"
}
install_actionlint() { go_install github.com/rhysd/actionlint/cmd/actionlint "$1"; }
install_polaris() { go_install github.com/fairwindsops/polaris "$1" "-X main.version=$1"; }

# kyverno's go.mod has a replace directive, which `go install mod@version`
# refuses; build from a writable copy of the module source instead.
install_kyverno() {
  local version="$1" mod_dir work
  need_go
  mod_dir="$(go mod download -json "github.com/kyverno/kyverno@$version" |
    sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p')"
  [[ -n "$mod_dir" && -f "$mod_dir/go.mod" ]] || { echo "could not download kyverno $version source" >&2; return 1; }
  work="$SRC_DIR/kyverno-$version"
  [[ ! -d "$work" ]] || chmod -R u+w "$work" # leftover of an interrupted run
  rm -rf "$work"
  mkdir -p "$SRC_DIR"
  cp -R "$mod_dir" "$work"
  chmod -R u+w "$work"
  # Same settings as upstream's release build: static binary, version injected
  # (a source build would otherwise report "(devel)"). -buildvcs=false: the copy
  # sits inside this repo's work tree, whose git state must not be stamped in.
  (cd "$work" && CGO_ENABLED=0 go build -buildvcs=false \
    -ldflags="$GO_LDFLAGS -X github.com/kyverno/kyverno/pkg/version.BuildVersion=${version#v}" \
    -o "$BIN_DIR/kyverno" ./cmd/cli/kubectl-kyverno)
  rm -rf "$work"
  rmdir "$SRC_DIR" 2>/dev/null || true
}

install_checkov() {
  local version="$1"
  command -v "$PYTHON" >/dev/null 2>&1 || { echo "$PYTHON not found on PATH" >&2; return 1; }
  if ! "$VENV_DIR/bin/python" -c '' >/dev/null 2>&1; then
    rm -rf "$VENV_DIR"
    "$PYTHON" -m venv "$VENV_DIR"
  fi
  "$VENV_DIR/bin/python" -m pip install --disable-pip-version-check --quiet "checkov==$version"
  ln -sfn ../venv/bin/checkov "$BIN_DIR/checkov"
}

# Prints the tool's own version line; also proves the binary starts.
version_of() {
  local bin="$BIN_DIR/$1" out rc=0
  out="$(case "$1" in
    # No version command (--version selects the Kubernetes version to check
    # against): prove it starts, then read the module version Go stamped in.
    kubectl-validate) "$bin" --help >/dev/null && go version -m "$bin" | awk '$1 == "mod" { print $2, $3 }' ;;
    checkov | actionlint) "$bin" --version ;;
    helm) "$bin" version --short ;;
    *) "$bin" version ;;
  esac 2>&1)" || rc=$?
  printf '%s\n' "${out%%$'\n'*}"
  return "$rc"
}

main() {
  local tools=() name pin log start rc reported failed=()
  for name in "$@"; do
    case "$name" in
      -h | --help) usage; return 0 ;;
    esac
    if ! pin_of "$name" >/dev/null; then
      echo "unknown tool: $name (known: ${ALL_TOOLS[*]})" >&2
      return 2
    fi
    tools+=("$name")
  done
  [[ ${#tools[@]} -gt 0 ]] || tools=("${ALL_TOOLS[@]}")

  mkdir -p "$BIN_DIR" "$LOG_DIR"
  for name in "${tools[@]}"; do
    pin="$(pin_of "$name")"
    if is_current "$name" "$pin"; then
      printf '%-17s reused     %s\n' "$name" "$pin"
      continue
    fi
    rm -f "$(stamp_of "$name")"
    log="$LOG_DIR/$name.log"
    start=$SECONDS
    # Subshell with its own errexit so one failing tool does not stop the rest.
    set +e
    (set -e; "install_$name" "$pin") >"$log" 2>&1
    rc=$?
    set -e
    if [[ $rc -eq 0 ]] && ! { reported="$(version_of "$name")" && [[ -n "$reported" ]]; }; then
      echo "installed, but it does not run: ${reported:-no version output}" >>"$log"
      rc=1
    fi
    if [[ $rc -eq 0 ]]; then
      echo "$pin" >"$(stamp_of "$name")"
      printf '%-17s installed  %s (%ss) -> %s\n' "$name" "$pin" "$((SECONDS - start))" "$reported"
    else
      failed+=("$name")
      printf '%-17s FAILED     %s (%ss), log: %s\n' "$name" "$pin" "$((SECONDS - start))" "${log#"$ROOT"/}" >&2
      grep -v '^go: downloading' "$log" | tail -n 20 | sed 's/^/    /' >&2
      if grep -q '403 Forbidden' "$log"; then
        echo "    the Go module proxy ($(go env GOPROXY 2>/dev/null)) does not serve this module version" >&2
      fi
    fi
  done

  if [[ ${#failed[@]} -gt 0 ]]; then
    echo "error: failed to install: ${failed[*]}" >&2
    return 1
  fi
}

main "$@"

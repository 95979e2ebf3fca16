#!/usr/bin/env bash
# Installs the pinned third-party manifest-checking CLIs into .tools/ (git-ignored).
# Binaries land in .tools/bin/; each has a stamp .tools/bin/.NAME.version holding
# the pin it was built from, so a re-run reuses what is already at the pin.
#
# Usage: bash scripts/tools.sh [TOOL|GROUP...]     (no argument: all tools)
# Tools: kubectl-validate kyverno helm kube-score kube-linter polaris checkov actionlint
#        etcd kube-apiserver kube-controller-manager kube-scheduler kubectl kwok karpenter-kwok
#        rollouts-controller kyverno-controller keda-operator keda-adapter
# Groups: checkers (the manifest checkers), control-plane (what `npm run rehearse` runs),
#         controllers (the platform's controllers the rehearsal runs as local processes)
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
# The rehearsal's control plane (npm run rehearse): Kubernetes components, built from the
# k8s.io/kubernetes module through a wrapper module (its go.mod replaces staging modules locally)
KUBERNETES_VERSION=v1.35.4
# etcd: the version Kubernetes v1.35.4 pins
ETCD_VERSION=v3.6.5
# kwok: fake nodes and pod lifecycle (stage files copied from the module into .tools/share/kwok)
KWOK_VERSION=v0.8.0
# Karpenter's kwok cloud provider: the same Karpenter release as the pinned AWS provider CRDs
KARPENTER_KWOK_VERSION=v1.14.1
# The platform's own controllers, run by the rehearsal as local processes against its control plane;
# each pin must match the chart release the platform installs (see charts/*/…-values.ts and the README).
# Argo Rollouts: steps canaries and runs their analysis
ARGO_ROLLOUTS_VERSION=v1.9.1
# Kyverno admission controller (cmd/kyverno): the same module and pin as the CLI above
KYVERNO_CONTROLLER_VERSION="$KYVERNO_VERSION"
# KEDA operator (ScaledObject -> HPA, 0 <-> 1) and its metrics adapter (external metrics API, beyond 1)
KEDA_VERSION=v2.20.2

CHECKER_TOOLS=(kubectl-validate kyverno helm kube-score kube-linter polaris checkov actionlint)
CONTROL_PLANE_TOOLS=(etcd kube-apiserver kube-controller-manager kube-scheduler kubectl kwok karpenter-kwok)
CONTROLLER_TOOLS=(rollouts-controller kyverno-controller keda-operator keda-adapter)
ALL_TOOLS=("${CHECKER_TOOLS[@]}" "${CONTROL_PLANE_TOOLS[@]}" "${CONTROLLER_TOOLS[@]}")

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
  sed -n '2,15p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
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
    kube-apiserver | kube-controller-manager | kube-scheduler | kubectl) echo "$KUBERNETES_VERSION" ;;
    etcd) echo "$ETCD_VERSION" ;;
    kwok) echo "$KWOK_VERSION" ;;
    karpenter-kwok) echo "$KARPENTER_KWOK_VERSION" ;;
    rollouts-controller) echo "$ARGO_ROLLOUTS_VERSION" ;;
    kyverno-controller) echo "$KYVERNO_CONTROLLER_VERSION" ;;
    keda-operator | keda-adapter) echo "$KEDA_VERSION" ;;
    *) return 1 ;;
  esac
}

# Rough cold-build minutes on 2 cores with an empty Go cache (measured; a busy machine takes up to
# twice as long). Printed before each build so a long silent step says what it is waiting for.
estimate_of() {
  case "$1" in
    kyverno) echo 12 ;;
    kyverno-controller | keda-operator) echo 5 ;;
    kube-apiserver | rollouts-controller | keda-adapter) echo 4 ;;
    kubectl-validate | helm | polaris | karpenter-kwok | kube-controller-manager) echo 2 ;;
    *) echo 1 ;;
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

# Modules whose go.mod has replace directives, which `go install mod@version` refuses, build from a
# writable copy of the module source (its own go.mod and go.sum, replaces included).
build_module_copy() { # module version package output [extra -ldflags]
  local module="$1" version="$2" package="$3" output="$4" mod_dir work
  need_go
  mod_dir="$(module_dir "$module" "$version")"
  [[ -n "$mod_dir" && -f "$mod_dir/go.mod" ]] || { echo "could not download $module $version source" >&2; return 1; }
  work="$SRC_DIR/$(basename "$output")-$version"
  [[ ! -d "$work" ]] || chmod -R u+w "$work" # leftover of an interrupted run
  rm -rf "$work"
  mkdir -p "$SRC_DIR"
  cp -R "$mod_dir" "$work"
  chmod -R u+w "$work"
  # Static binary like upstream's release builds. -buildvcs=false: the copy sits inside this repo's
  # work tree, whose git state must not be stamped in.
  (cd "$work" && CGO_ENABLED=0 go build -buildvcs=false -ldflags="$GO_LDFLAGS${5:+ $5}" -o "$output" "$package")
  rm -rf "$work"
  rmdir "$SRC_DIR" 2>/dev/null || true
}

# The version flag makes them report the release (a source build would otherwise say "(devel)").
install_kyverno() {
  build_module_copy github.com/kyverno/kyverno "$1" ./cmd/cli/kubectl-kyverno "$BIN_DIR/kyverno" \
    "-X github.com/kyverno/kyverno/pkg/version.BuildVersion=${1#v}"
}
install_kyverno-controller() {
  build_module_copy github.com/kyverno/kyverno "$1" ./cmd/kyverno "$BIN_DIR/kyverno-controller" \
    "-X github.com/kyverno/kyverno/pkg/version.BuildVersion=${1#v}"
}
install_rollouts-controller() {
  build_module_copy github.com/argoproj/argo-rollouts "$1" ./cmd/rollouts-controller "$BIN_DIR/rollouts-controller" \
    "-X github.com/argoproj/argo-rollouts/utils/version.version=${1#v}"
}
install_keda-operator() {
  build_module_copy github.com/kedacore/keda/v2 "$1" ./cmd/operator "$BIN_DIR/keda-operator" \
    "-X github.com/kedacore/keda/v2/version.Version=$1"
}
install_keda-adapter() {
  build_module_copy github.com/kedacore/keda/v2 "$1" ./cmd/adapter "$BIN_DIR/keda-adapter" \
    "-X github.com/kedacore/keda/v2/version.Version=$1"
}

module_dir() { # module version -> its read-only directory in the Go module cache
  go mod download -json "$1@$2" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p'
}

# A wrapper module that requires MODULE at VERSION; `replace` lines of MODULE that point into its
# own tree (which `go install mod@version` refuses) become the published modules at REPLACE_VERSION
# (none when it is empty).
wrapper_module() { # dir module version replace_version
  local dir="$1" module="$2" version="$3" replace_version="$4" src
  need_go
  src="$(module_dir "$module" "$version")"
  [[ -n "$src" && -f "$src/go.mod" ]] || { echo "could not download $module $version" >&2; return 1; }
  rm -rf "$dir"
  mkdir -p "$dir"
  {
    echo "module local.invalid/wrapper"
    echo
    echo "go $(sed -n 's/^go \(.*\)$/\1/p' "$src/go.mod")"
    echo
    echo "require $module $version"
    echo
    # `k8s.io/api => ./staging/src/k8s.io/api` becomes `k8s.io/api => k8s.io/api v0.35.4`
    [[ -z "$replace_version" ]] || awk -v v="$replace_version" '
      /^replace \($/ { inblock = 1; next }
      inblock && /^\)/ { inblock = 0; next }
      { line = $0; sub(/^replace /, "", line) }
      (inblock || $1 == "replace") && line ~ /=> *\.\.?\// {
        split(line, parts, "=>"); gsub(/[ \t]/, "", parts[1]); print "replace " parts[1] " => " parts[1] " " v
      }' "$src/go.mod"
  } >"$dir/go.mod"
}

wrapper_build() { # dir package version output
  (cd "$1" && GOFLAGS="$GOFLAGS -mod=mod" go get "$2@$3" && CGO_ENABLED=0 go build -buildvcs=false \
    -ldflags="$GO_LDFLAGS" -o "$4" "$2")
}

KUBERNETES_WRAPPER="$SRC_DIR/kubernetes-wrapper"
install_kubernetes_component() { # name version
  local name="$1" version="$2" minor
  minor="v0${version#v1}" # v1.35.4 -> v0.35.4, the staging modules' published version
  if [[ ! -f "$KUBERNETES_WRAPPER/go.mod" ]] || ! grep -q "k8s.io/kubernetes $version" "$KUBERNETES_WRAPPER/go.mod"; then
    wrapper_module "$KUBERNETES_WRAPPER" k8s.io/kubernetes "$version" "$minor"
  fi
  # The version the binaries report (and the apiserver serves at /version), as upstream's build sets it.
  GO_LDFLAGS="$GO_LDFLAGS -X k8s.io/component-base/version.gitVersion=$version -X k8s.io/component-base/version.gitMajor=1 -X k8s.io/component-base/version.gitMinor=$(cut -d. -f2 <<<"$version")" \
    wrapper_build "$KUBERNETES_WRAPPER" "k8s.io/kubernetes/cmd/$name" "$version" "$BIN_DIR/$name"
}
install_kube-apiserver() { install_kubernetes_component kube-apiserver "$1"; }
install_kube-controller-manager() { install_kubernetes_component kube-controller-manager "$1"; }
install_kube-scheduler() { install_kubernetes_component kube-scheduler "$1"; }
install_kubectl() { install_kubernetes_component kubectl "$1"; }

install_etcd() {
  local dir="$SRC_DIR/etcd-wrapper"
  # Its own replaces point at sibling modules it also requires at the same published version.
  wrapper_module "$dir" go.etcd.io/etcd/server/v3 "$1" ""
  wrapper_build "$dir" go.etcd.io/etcd/server/v3 "$1" "$BIN_DIR/etcd"
  rm -rf "$dir"
}

SHARE_DIR="$TOOLS_DIR/share"
install_kwok() {
  local src
  go_install sigs.k8s.io/kwok/cmd/kwok "$1" "-X sigs.k8s.io/kwok/pkg/consts.Version=$1"
  src="$(module_dir sigs.k8s.io/kwok "$1")"
  rm -rf "$SHARE_DIR/kwok"
  mkdir -p "$SHARE_DIR/kwok"
  cp -R "$src/kustomize/stage" "$SHARE_DIR/kwok/stage"
  chmod -R u+w "$SHARE_DIR/kwok"
}

# The provider's binary is also called kwok: build into a scratch GOBIN and rename it.
install_karpenter-kwok() {
  local scratch src
  need_go
  scratch="$(mktemp -d)"
  GOBIN="$scratch" go install -ldflags="$GO_LDFLAGS" "sigs.k8s.io/karpenter/kwok@$1"
  mv "$scratch/kwok" "$BIN_DIR/karpenter-kwok"
  rm -rf "$scratch"
  src="$(module_dir sigs.k8s.io/karpenter "$1")"
  rm -rf "$SHARE_DIR/karpenter-kwok"
  mkdir -p "$SHARE_DIR/karpenter-kwok/crds"
  cp "$src"/kwok/charts/crds/*.yaml "$src"/kwok/apis/crds/*.yaml "$SHARE_DIR/karpenter-kwok/crds/"
  chmod -R u+w "$SHARE_DIR/karpenter-kwok"
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
    # No version flags: prove they start, then read the module version Go stamped in.
    karpenter-kwok) "$bin" --help >/dev/null 2>&1; go version -m "$bin" | awk '$1 == "mod" { print $2, $3 }' ;;
    # Controllers: no version subcommand that works without a cluster; prove the binary starts.
    rollouts-controller | kyverno-controller | keda-operator | keda-adapter) "$bin" --help >/dev/null 2>&1; go version -m "$bin" | awk '$1 == "mod" { print $2, $3 }' ;;
    kube-apiserver | kube-controller-manager | kube-scheduler) "$bin" --version ;;
    kubectl) "$bin" version --client ;;
    etcd | kwok) "$bin" --version ;;
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
      checkers) tools+=("${CHECKER_TOOLS[@]}"); continue ;;
      control-plane) tools+=("${CONTROL_PLANE_TOOLS[@]}"); continue ;;
      controllers) tools+=("${CONTROLLER_TOOLS[@]}"); continue ;;
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
    printf '%-17s building   %s (about %s min cold; log: %s)...\n' "$name" "$pin" "$(estimate_of "$name")" "${log#"$ROOT"/}"
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

/**
 * The Pod Security Standards versions a Kyverno 1.19 `validate.podSecurity` rule accepts: the
 * `version` enum of its ClusterPolicy API (`api/kyverno/v1/common_types.go`). A rule with any
 * other version is dropped by the CLI without a word (0 rules applied), so it must never be written.
 */
const KYVERNO_PSS_VERSIONS: readonly string[] = Array.from({ length: 32 - 19 + 1 }, (_, i) => `v1.${19 + i}`);

/** The version a rule is evaluated at, and a sentence saying why. */
export interface PssVersionChoice {
  readonly version: string;
  readonly note: string;
}

/**
 * The namespace's pinned `enforce-version` when Kyverno knows it, else `latest` (the newest
 * checks the library has; for a newer pinned version this is the closest available), saying which.
 */
export function kyvernoPssVersion(pinned: string | undefined): PssVersionChoice {
  if (pinned === undefined || pinned === 'latest') return { version: 'latest', note: pinned === undefined ? 'no enforce-version label' : 'enforce-version latest' };
  if (KYVERNO_PSS_VERSIONS.includes(pinned)) return { version: pinned, note: `pinned enforce-version ${pinned}` };
  const known = `${KYVERNO_PSS_VERSIONS[0]}–${KYVERNO_PSS_VERSIONS[KYVERNO_PSS_VERSIONS.length - 1]}`;
  return { version: 'latest', note: `pinned enforce-version ${pinned} is unknown to Kyverno's podSecurity, which knows ${known}` };
}

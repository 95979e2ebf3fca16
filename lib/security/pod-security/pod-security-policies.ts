import type { ManifestObject } from '../../argocd/resource-ref';
import { kyvernoPssVersion } from './kyverno-pss-version';
import type { NamespacePodSecurity } from './namespace-pod-security';

/** One enforced (level, version) and the namespaces it applies to. */
export interface PodSecurityRuleGroup {
  readonly level: 'baseline' | 'restricted';
  /** Version the rule evaluates (`v1.32` or `latest`). */
  readonly version: string;
  readonly namespaces: readonly string[];
}

/**
 * Namespaces grouped by the (level, version) Kyverno evaluates them at. Privileged namespaces are
 * left out: Pod Security Admission checks nothing there, whereas a Kyverno 1.19 rule at level
 * `privileged` reports the restricted controls, so such a rule would be wrong.
 */
export function podSecurityRuleGroups(namespaces: Iterable<NamespacePodSecurity>): PodSecurityRuleGroup[] {
  const groups = new Map<string, { level: 'baseline' | 'restricted'; version: string; namespaces: string[] }>();
  for (const ns of namespaces) {
    if (ns.level === 'privileged') continue;
    const version = kyvernoPssVersion(ns.pinnedVersion).version;
    const key = `${ns.level}/${version}`;
    if (!groups.has(key)) groups.set(key, { level: ns.level, version, namespaces: [] });
    groups.get(key)!.namespaces.push(ns.namespace);
  }
  return [...groups.values()]
    .map((g) => ({ ...g, namespaces: [...g.namespaces].sort() }))
    .sort((a, b) => (`${a.level}/${a.version}` < `${b.level}/${b.version}` ? -1 : 1));
}

/** `restricted-v1-32`, `baseline-latest`: the rule name of a group. */
export function ruleNameOf(group: Pick<PodSecurityRuleGroup, 'level' | 'version'>): string {
  return `${group.level}-${group.version.replace(/\./g, '-')}`;
}

/**
 * One `kyverno.io/v1` ClusterPolicy per level, with a `validate.podSecurity` rule per version
 * matching the Pods of the namespaces enforced at that level and version: what Pod Security
 * Admission decides, evaluated by Kyverno's embedded pod-security-admission library.
 */
export function podSecurityPolicies(groups: readonly PodSecurityRuleGroup[]): ManifestObject[] {
  const levels = [...new Set(groups.map((g) => g.level))].sort();
  return levels.map((level) => ({
    apiVersion: 'kyverno.io/v1',
    kind: 'ClusterPolicy',
    metadata: { name: `pod-security-${level}` },
    spec: {
      validationFailureAction: 'Enforce',
      background: true,
      rules: groups
        .filter((g) => g.level === level)
        .map((g) => ({
          name: ruleNameOf(g),
          match: { any: [{ resources: { kinds: ['Pod'], namespaces: g.namespaces } }] },
          validate: { podSecurity: { level: g.level, version: g.version } },
        })),
    },
  }));
}

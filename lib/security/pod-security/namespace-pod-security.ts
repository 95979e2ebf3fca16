import type { ManifestObject } from '../../argocd/resource-ref';

/** The Pod Security Standards levels, least to most restrictive. */
const POD_SECURITY_LEVELS = ['privileged', 'baseline', 'restricted'] as const;
export type PodSecurityLevel = (typeof POD_SECURITY_LEVELS)[number];

const ENFORCE_LABEL = 'pod-security.kubernetes.io/enforce';
const ENFORCE_VERSION_LABEL = 'pod-security.kubernetes.io/enforce-version';

/** The level Pod Security Admission enforces in one namespace, and where that comes from. */
export interface NamespacePodSecurity {
  readonly namespace: string;
  readonly level: PodSecurityLevel;
  /** The namespace's `enforce-version` label; absent means `latest`. */
  readonly pinnedVersion?: string;
  /** Why this level: the Namespace label, or the cluster default for a namespace nothing declares. */
  readonly source: string;
}

/**
 * The enforced level of each of `namespaces`, read from the Namespace objects Argo CD applies
 * (labels `pod-security.kubernetes.io/enforce` and `enforce-version`). A namespace without a
 * Namespace object, or without the label, gets `clusterDefault` (the API server's admission
 * configuration; EKS enforces `privileged`). `kube-system` is always privileged (EKS exempts it
 * and its system components need host access). Throws on a label value PSA does not know.
 */
export function namespacePodSecurity(
  namespaceObjects: readonly ManifestObject[],
  namespaces: readonly string[],
  clusterDefault: PodSecurityLevel = 'privileged',
): Map<string, NamespacePodSecurity> {
  const labelsOf = new Map<string, Record<string, string>>();
  for (const o of namespaceObjects) {
    if (o.apiVersion === 'v1' && o.kind === 'Namespace' && o.metadata?.name) {
      labelsOf.set(o.metadata.name, ((o.metadata as { labels?: Record<string, string> }).labels ?? {}));
    }
  }
  const result = new Map<string, NamespacePodSecurity>();
  for (const namespace of [...new Set(namespaces)].sort()) {
    const labels = labelsOf.get(namespace);
    if (namespace === 'kube-system') {
      result.set(namespace, { namespace, level: 'privileged', source: 'kube-system is always privileged' });
    } else if (!labels) {
      result.set(namespace, { namespace, level: clusterDefault, source: `no Namespace object: cluster default ${clusterDefault}` });
    } else if (labels[ENFORCE_LABEL] === undefined) {
      result.set(namespace, { namespace, level: clusterDefault, source: `Namespace has no ${ENFORCE_LABEL} label: cluster default ${clusterDefault}` });
    } else {
      const level = labels[ENFORCE_LABEL] as PodSecurityLevel;
      if (!POD_SECURITY_LEVELS.includes(level)) {
        throw new Error(`Namespace ${namespace}: ${ENFORCE_LABEL} = ${JSON.stringify(level)}: must be one of ${POD_SECURITY_LEVELS.join(', ')}`);
      }
      const pinnedVersion = labels[ENFORCE_VERSION_LABEL];
      result.set(namespace, { namespace, level, pinnedVersion, source: `Namespace label ${ENFORCE_LABEL}=${level}` });
    }
  }
  return result;
}

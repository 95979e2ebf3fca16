import type { ManifestObject } from '../../argocd/resource-ref';
import { isPodTemplateKind, podTemplateOf } from '../../render/pod-template';

/** Whether `obj` is of a kind that carries a pod template. */
export function hasPodTemplate(obj: ManifestObject): boolean {
  return isPodTemplateKind(obj.apiVersion, obj.kind);
}

/** `deployment-web`: the name of the Pod standing for `obj`'s template. */
function podNameFor(obj: ManifestObject): string {
  return `${obj.kind.toLowerCase()}-${obj.metadata?.name ?? ''}`;
}

/**
 * The Pod the API server would admit for `obj`'s pod template in `namespace` (labels,
 * annotations and spec of the template), named `<kind>-<name>`; undefined when `obj` has no
 * template (e.g. a Rollout with `workloadRef`, whose Deployment is checked itself).
 */
export function podFromTemplate(obj: ManifestObject, namespace: string): ManifestObject | undefined {
  const t = podTemplateOf(obj);
  if (!t) return undefined;
  const metadata: Record<string, unknown> = { name: podNameFor(obj), namespace };
  if (t.metadata?.labels) metadata.labels = t.metadata.labels;
  if (t.metadata?.annotations) metadata.annotations = t.metadata.annotations;
  return { apiVersion: 'v1', kind: 'Pod', metadata, spec: t.spec };
}

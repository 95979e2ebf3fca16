import { apiGroupOf, type ManifestObject } from '../../argocd/resource-ref';

/** Where each kind that creates pods keeps its pod template, by `group/kind` (`''` = core). */
const TEMPLATE_PATHS: Readonly<Record<string, readonly string[]>> = {
  '/Pod': [],
  'apps/Deployment': ['spec', 'template'],
  'apps/StatefulSet': ['spec', 'template'],
  'apps/DaemonSet': ['spec', 'template'],
  'apps/ReplicaSet': ['spec', 'template'],
  'batch/Job': ['spec', 'template'],
  'batch/CronJob': ['spec', 'jobTemplate', 'spec', 'template'],
  'argoproj.io/Rollout': ['spec', 'template'],
  'keda.sh/ScaledJob': ['spec', 'jobTargetRef', 'template'],
};

/** Whether `obj` is of a kind that carries a pod template. */
export function hasPodTemplate(obj: ManifestObject): boolean {
  return TEMPLATE_PATHS[`${apiGroupOf(obj.apiVersion)}/${obj.kind}`] !== undefined;
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
  const path = TEMPLATE_PATHS[`${apiGroupOf(obj.apiVersion)}/${obj.kind}`];
  if (path === undefined) return undefined;
  let template: unknown = path.length === 0 ? { metadata: obj.metadata, spec: obj.spec } : obj;
  for (const field of path) template = template && typeof template === 'object' ? (template as Record<string, unknown>)[field] : undefined;
  const t = template as { metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> }; spec?: unknown } | undefined;
  if (!t?.spec) return undefined;
  const metadata: Record<string, unknown> = { name: podNameFor(obj), namespace };
  if (t.metadata?.labels) metadata.labels = t.metadata.labels;
  if (t.metadata?.annotations) metadata.annotations = t.metadata.annotations;
  return { apiVersion: 'v1', kind: 'Pod', metadata, spec: t.spec };
}

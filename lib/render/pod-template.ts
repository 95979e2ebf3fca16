import { apiGroupOf } from '../argocd/resource-ref';

/** What a kind's pods are: Deployment-like, one per node, or run to completion. */
export type PodTemplateRole = 'workload' | 'daemon' | 'job';

interface TemplateLocation {
  /** Path from the object to its pod template (`metadata` + `spec`); empty for a bare Pod. */
  readonly path: readonly string[];
  readonly role: PodTemplateRole;
}

/** Where each kind that creates pods keeps its pod template, by `group/kind` (`''` = core). */
const POD_TEMPLATE_LOCATIONS: Readonly<Record<string, TemplateLocation>> = {
  '/Pod': { path: [], role: 'job' },
  '/ReplicationController': { path: ['spec', 'template'], role: 'workload' },
  'apps/Deployment': { path: ['spec', 'template'], role: 'workload' },
  'apps/StatefulSet': { path: ['spec', 'template'], role: 'workload' },
  'apps/ReplicaSet': { path: ['spec', 'template'], role: 'workload' },
  'apps/DaemonSet': { path: ['spec', 'template'], role: 'daemon' },
  'batch/Job': { path: ['spec', 'template'], role: 'job' },
  'batch/CronJob': { path: ['spec', 'jobTemplate', 'spec', 'template'], role: 'job' },
  'argoproj.io/Rollout': { path: ['spec', 'template'], role: 'workload' },
  'keda.sh/ScaledJob': { path: ['spec', 'jobTargetRef', 'template'], role: 'job' },
};

/** A pod template found in a rendered object. */
export interface FoundPodTemplate {
  readonly metadata: { readonly labels?: Readonly<Record<string, string>>; readonly annotations?: Readonly<Record<string, string>> };
  readonly spec: any;
  readonly role: PodTemplateRole;
}

interface ObjectLike {
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly metadata?: unknown;
  readonly spec?: unknown;
}

/** Whether objects of this apiVersion and kind carry a pod template. */
export function isPodTemplateKind(apiVersion: string | undefined, kind: string | undefined): boolean {
  return POD_TEMPLATE_LOCATIONS[`${apiGroupOf(apiVersion ?? '')}/${kind ?? ''}`] !== undefined;
}

/**
 * The pod template of `object` when its kind is one that creates pods and the template has a
 * spec; undefined otherwise (e.g. a Rollout with `workloadRef`, whose Deployment carries it).
 */
export function podTemplateOf(object: ObjectLike): FoundPodTemplate | undefined {
  const location = POD_TEMPLATE_LOCATIONS[`${apiGroupOf(object.apiVersion ?? '')}/${object.kind ?? ''}`];
  if (!location) return undefined;
  const template = location.path.length === 0 ? object : location.path.reduce<any>((node, key) => (node && typeof node === 'object' ? node[key] : undefined), object);
  if (!template?.spec) return undefined;
  return { metadata: (template.metadata ?? {}) as FoundPodTemplate['metadata'], spec: template.spec, role: location.role };
}

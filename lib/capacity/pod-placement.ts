import { compatible, type NodeRequirement } from './node-requirement';
import type { RenderedObject, WorkloadPod } from './workload-pods';

/** What a rendered NodePool promises about its nodes: their labels (as requirements) and taints. */
export interface PoolPlacement {
  readonly name: string;
  readonly requirements: readonly NodeRequirement[];
  readonly taints: readonly { readonly key: string; readonly value?: string; readonly effect: string }[];
}

const CAPACITY_TYPE = 'karpenter.sh/capacity-type';

/** The placement of every Karpenter NodePool among `objects`. */
export function poolPlacements(objects: readonly RenderedObject[]): PoolPlacement[] {
  return objects
    .filter((o) => o.kind === 'NodePool' && String(o.apiVersion).startsWith('karpenter.sh/'))
    .map((o) => {
      const template = o.spec?.template ?? {};
      const requirements: NodeRequirement[] = [...(template.spec?.requirements ?? [])];
      for (const [key, value] of Object.entries<string>(template.metadata?.labels ?? {})) requirements.push({ key, operator: 'In', values: [value] });
      requirements.push({ key: 'karpenter.sh/nodepool', operator: 'In', values: [String(o.metadata?.name)] });
      // Karpenter launches on-demand when a pool does not constrain the capacity type.
      if (!requirements.some((r) => r.key === CAPACITY_TYPE)) requirements.push({ key: CAPACITY_TYPE, operator: 'In', values: ['on-demand'] });
      return { name: String(o.metadata?.name), requirements, taints: template.spec?.taints ?? [] };
    });
}

interface Toleration {
  readonly key?: string;
  readonly operator?: string;
  readonly value?: string;
  readonly effect?: string;
}

/** Kubernetes toleration matching: an empty key with `Exists` tolerates every taint. */
export function tolerates(toleration: Toleration, taint: PoolPlacement['taints'][number]): boolean {
  if (toleration.effect && toleration.effect !== taint.effect) return false;
  if (toleration.key && toleration.key !== taint.key) return false;
  if (!toleration.key && toleration.operator !== 'Exists') return false;
  return toleration.operator === 'Exists' || (toleration.value ?? '') === (taint.value ?? '');
}

/** The tolerations of `pod` that admit it past the scheduling taints of `pool`. */
export function admittingTolerations(pod: WorkloadPod, pool: PoolPlacement): Toleration[] | undefined {
  const tolerations: Toleration[] = pod.spec.tolerations ?? [];
  const used: Toleration[] = [];
  for (const taint of pool.taints.filter((t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute')) {
    const match = tolerations.find((t) => tolerates(t, taint));
    if (!match) return undefined;
    if (!used.includes(match)) used.push(match);
  }
  return used;
}

/**
 * The pod's hard node constraints as alternatives (ORed): `nodeSelector` ANDed with each term of
 * the required node affinity. Preferences do not constrain and are left out.
 */
export function requiredNodeTerms(pod: WorkloadPod): NodeRequirement[][] {
  const selector: NodeRequirement[] = Object.entries<string>(pod.spec.nodeSelector ?? {}).map(([key, value]) => ({ key, operator: 'In', values: [value] }));
  const terms: any[] = pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  if (terms.length === 0) return [selector];
  return terms.map((term) => [...selector, ...(term.matchExpressions ?? [])]);
}

/**
 * Whether `pod` could be placed on a node of `pool` that also satisfies `narrowedTo` (e.g. the
 * spot capacity of a mixed pool): it tolerates the pool's taints and one of its node terms fits.
 */
export function canLandOn(pod: WorkloadPod, pool: PoolPlacement, narrowedTo: readonly NodeRequirement[] = []): boolean {
  if (!admittingTolerations(pod, pool)) return false;
  const node = [...pool.requirements, ...narrowedTo];
  return requiredNodeTerms(pod).some((term) => compatible(term, node));
}

import type { ManifestObject } from '../argocd/resource-ref';
import type { NodeSelectorTerm, PodSpecLike, Toleration } from './pod-templates';

/** A taint as nodes carry it. */
export interface Taint { readonly key: string; readonly value?: string; readonly effect: string }

/**
 * The nodes a node group or NodePool can produce: for each label key, the values it can have
 * (`*` for any value); a key not listed is absent. Taints every such node carries.
 */
export interface NodeShape {
  readonly name: string;
  readonly labels: Readonly<Record<string, readonly string[] | '*' | { readonly not: readonly string[] }>>;
  readonly taints: readonly Taint[];
  /** Most nodes it can have at once (DaemonSet pods count once per node). */
  readonly maxNodes: number;
}

/** Why `pod` cannot run on nodes of `shape`, or undefined when it can. */
export function unschedulableReason(pod: PodSpecLike, shape: NodeShape): string | undefined {
  for (const taint of shape.taints.filter((t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute')) {
    if (!(pod.tolerations ?? []).some((t) => tolerates(t, taint))) return `does not tolerate taint ${taint.key}${taint.value ? `=${taint.value}` : ''}:${taint.effect}`;
  }
  for (const [key, value] of Object.entries(pod.nodeSelector ?? {})) {
    if (!canHave(shape, key, 'In', [value])) return `nodeSelector ${key}=${value} matches no node (${describeLabel(shape, key)})`;
  }
  const terms = pod.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  if (terms.length > 0 && !terms.some((term) => termMatches(term, shape))) {
    return `required node affinity ${terms.map(describeTerm).join(' OR ')} matches no node`;
  }
  return undefined;
}

/** Kubernetes toleration matching (core/v1 Toleration.ToleratesTaint). */
export function tolerates(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if ((t.operator ?? 'Equal') === 'Exists') return !t.key || t.key === taint.key;
  return t.key === taint.key && (t.value ?? '') === (taint.value ?? '');
}

function termMatches(term: NodeSelectorTerm, shape: NodeShape): boolean {
  return (term.matchExpressions ?? []).every((e) => canHave(shape, e.key, e.operator, e.values ?? []));
}

/** Whether some node of `shape` satisfies `key <operator> values`. */
function canHave(shape: NodeShape, key: string, operator: string, values: readonly string[]): boolean {
  const possible = shape.labels[key];
  switch (operator) {
    case 'In':
      if (possible === undefined) return false;
      if (possible === '*') return true;
      if ('not' in possible) return values.some((v) => !possible.not.includes(v));
      return values.some((v) => possible.includes(v));
    case 'NotIn':
      if (possible === undefined || possible === '*' || 'not' in possible) return true;
      return possible.some((v) => !values.includes(v));
    case 'Exists':
      return possible !== undefined;
    case 'DoesNotExist':
      return possible === undefined;
    case 'Gt':
    case 'Lt':
      if (possible === undefined) return false;
      if (possible === '*' || 'not' in possible) return true;
      return possible.some((v) => (operator === 'Gt' ? Number(v) > Number(values[0]) : Number(v) < Number(values[0])));
    default:
      return false;
  }
}

function describeLabel(shape: NodeShape, key: string): string {
  const possible = shape.labels[key];
  if (possible === undefined) return `${shape.name} nodes have no label ${key}`;
  if (possible === '*') return `${shape.name}: any ${key}`;
  if ('not' in possible) return `${shape.name}: ${key} not in ${possible.not.join(',')}`;
  return `${shape.name}: ${key} in ${possible.join(',')}`;
}

function describeTerm(term: NodeSelectorTerm): string {
  return (term.matchExpressions ?? []).map((e) => `${e.key} ${e.operator} ${(e.values ?? []).join(',')}`.trim()).join(' AND ');
}

/** Label keys Karpenter sets on every node from the instance it launches, whatever the NodePool says. */
const KARPENTER_WELL_KNOWN = ['kubernetes.io/arch', 'kubernetes.io/os', 'node.kubernetes.io/instance-type', 'topology.kubernetes.io/zone', 'topology.kubernetes.io/region', 'kubernetes.io/hostname', 'karpenter.sh/capacity-type'];

/**
 * The nodes a Karpenter v1 NodePool can launch: its requirements narrow the well-known labels,
 * its template labels are fixed, `karpenter.sh/nodepool` carries its name, and its taints apply
 * (startup taints are removed once the node is initialised). Without a capacity-type requirement
 * Karpenter launches on-demand only.
 */
export function nodePoolShape(pool: ManifestObject, maxNodes: number): NodeShape {
  const template = ((pool.spec as any)?.template ?? {}) as { metadata?: { labels?: Record<string, string> }; spec?: { requirements?: { key: string; operator: string; values?: string[] }[]; taints?: Taint[] } };
  const labels: Record<string, readonly string[] | '*' | { not: readonly string[] }> = {};
  for (const key of KARPENTER_WELL_KNOWN) labels[key] = '*';
  labels['karpenter.sh/capacity-type'] = ['on-demand'];
  labels['karpenter.sh/nodepool'] = [String(pool.metadata?.name)];
  for (const r of template.spec?.requirements ?? []) {
    if (r.operator === 'In') labels[r.key] = r.values ?? [];
    else if (r.operator === 'NotIn') labels[r.key] = { not: r.values ?? [] };
    else if (r.operator === 'DoesNotExist') delete labels[r.key];
    else labels[r.key] = '*';
  }
  for (const [key, value] of Object.entries(template.metadata?.labels ?? {})) labels[key] = [value];
  return { name: `NodePool ${pool.metadata?.name}`, labels, taints: template.spec?.taints ?? [], maxNodes };
}

import type { ManifestObject } from '../argocd/resource-ref';
import { INSTANCE_TYPES, type InstanceTypeLabels } from '../capacity/instance-types';

export const KWOK_NODE_CLASS_GROUP = 'karpenter.kwok.sh';
const AWS_PREFIX = 'karpenter.k8s.aws/';
const KWOK_PREFIX = 'karpenter.kwok.sh/';

/** Requirement keys Karpenter knows for every provider, kept as they are. */
const WELL_KNOWN = new Set([
  'karpenter.sh/capacity-type', 'kubernetes.io/arch', 'kubernetes.io/os', 'topology.kubernetes.io/zone',
  'topology.kubernetes.io/region', 'node.kubernetes.io/instance-type', 'karpenter.sh/nodepool',
]);
/** AWS instance keys with a kwok counterpart holding the same values. */
const SAME_VALUES = ['instance-family', 'instance-size', 'instance-cpu'];
/** AWS instance keys the kwok provider does not label; expressed as the families that satisfy them. */
const AS_FAMILIES = ['instance-category', 'instance-generation', 'instance-cpu-manufacturer'];

export interface Requirement {
  readonly key: string;
  readonly operator: string;
  readonly values?: readonly string[];
  readonly minValues?: number;
}

/** What became of one AWS object in the kwok provider's terms. */
export interface TranslatedObject {
  readonly source: string;
  readonly object: ManifestObject;
  /** One line per requirement or field mapped to something else. */
  readonly mapped: readonly string[];
  /** One line per field or requirement that could not be carried over. */
  readonly dropped: readonly string[];
}

/** Whether an instance type's labels satisfy a requirement (Karpenter's operators). */
export function satisfies(labels: Readonly<Record<string, string>>, r: Requirement): boolean {
  const value = labels[r.key];
  const values = r.values ?? [];
  switch (r.operator) {
    case 'In': return value !== undefined && values.includes(value);
    case 'NotIn': return value === undefined || !values.includes(value);
    case 'Exists': return value !== undefined;
    case 'DoesNotExist': return value === undefined;
    case 'Gt': return value !== undefined && Number(value) > Number(values[0]);
    case 'Lt': return value !== undefined && Number(value) < Number(values[0]);
    default: return false;
  }
}

/**
 * An EC2NodeClass as a KWOKNodeClass of the same name. Nothing of the EC2 spec applies to fake
 * nodes; every field is listed as not carried over (the root volume size becomes the instance
 * types' ephemeral storage, see `rootVolumeSizeOf`).
 */
export function translateNodeClass(nodeClass: ManifestObject): TranslatedObject {
  const spec = (nodeClass.spec ?? {}) as Record<string, unknown>;
  const name = String(nodeClass.metadata?.name);
  return {
    source: `EC2NodeClass ${name}`,
    object: { apiVersion: `${KWOK_NODE_CLASS_GROUP}/v1alpha1`, kind: 'KWOKNodeClass', metadata: { name, labels: (nodeClass.metadata as { labels?: Record<string, string> } | undefined)?.labels ?? {} }, spec: {} } as ManifestObject,
    mapped: ['EC2NodeClass → KWOKNodeClass (same name)'],
    dropped: Object.keys(spec).sort().map((k) => `spec.${k}${k === 'blockDeviceMappings' ? ' (root volume size kept as ephemeral storage)' : ''}`),
  };
}

/** Size of the root volume an EC2NodeClass gives its nodes, e.g. `50Gi`; undefined when unset. */
export function rootVolumeSizeOf(nodeClass: ManifestObject): string | undefined {
  const mappings = ((nodeClass.spec as { blockDeviceMappings?: { rootVolume?: boolean; ebs?: { volumeSize?: string } }[] } | undefined)?.blockDeviceMappings ?? []);
  return (mappings.find((m) => m.rootVolume) ?? mappings[0])?.ebs?.volumeSize;
}

/**
 * A NodePool for Karpenter's kwok provider: the node class reference points at the KWOKNodeClass;
 * taints, limits, weight, disruption, expiry, labels and the well-known requirements stay;
 * `karpenter.k8s.aws/instance-{family,size,cpu}` become `karpenter.kwok.sh/instance-*`; category,
 * generation and CPU manufacturer become the list of families of `table` that satisfy them
 * (`karpenter.kwok.sh/instance-family In [...]`); anything else is dropped and reported.
 */
export function translateNodePool(pool: ManifestObject, table: readonly InstanceTypeLabels[] = INSTANCE_TYPES): TranslatedObject {
  const name = String(pool.metadata?.name);
  const out = JSON.parse(JSON.stringify(pool)) as ManifestObject & { spec: { template: { spec: { nodeClassRef?: { name: string }; requirements?: Requirement[] } } } };
  const template = out.spec.template.spec;
  const mapped: string[] = [];
  const dropped: string[] = [];
  if (template.nodeClassRef) {
    const nodeClassName = template.nodeClassRef.name;
    template.nodeClassRef = { group: KWOK_NODE_CLASS_GROUP, kind: 'KWOKNodeClass', name: nodeClassName } as { name: string };
    mapped.push(`nodeClassRef → KWOKNodeClass ${nodeClassName}`);
  }
  const requirements: Requirement[] = [];
  const familyFilters: Requirement[] = [];
  for (const r of template.requirements ?? []) {
    const suffix = r.key.startsWith(AWS_PREFIX) ? r.key.slice(AWS_PREFIX.length) : undefined;
    if (WELL_KNOWN.has(r.key) || (!r.key.includes('/') && !r.key.startsWith('karpenter'))) {
      requirements.push(r);
    } else if (suffix !== undefined && SAME_VALUES.includes(suffix)) {
      requirements.push({ ...r, key: `${KWOK_PREFIX}${suffix}` });
      mapped.push(`${describe(r)} → ${KWOK_PREFIX}${suffix}`);
    } else if (suffix !== undefined && AS_FAMILIES.includes(suffix)) {
      familyFilters.push(r);
    } else if (suffix === 'instance-memory' && (r.operator === 'In' || r.operator === 'NotIn') && (r.values ?? []).every((v) => Number(v) % 1024 === 0)) {
      requirements.push({ ...r, key: `${KWOK_PREFIX}instance-memory`, values: (r.values ?? []).map((v) => `${Number(v) / 1024}Gi`) });
      mapped.push(`${describe(r)} → ${KWOK_PREFIX}instance-memory (GiB)`);
    } else {
      dropped.push(`requirement ${describe(r)}: the kwok provider has no such label`);
    }
  }
  if (familyFilters.length > 0) {
    const families = [...new Set(table.filter((t) => familyFilters.every((r) => satisfies(t, r))).map((t) => t['karpenter.k8s.aws/instance-family']))].sort();
    const minValues = Math.max(0, ...familyFilters.map((r) => r.minValues ?? 0));
    requirements.push({ key: `${KWOK_PREFIX}instance-family`, operator: 'In', values: families, ...(minValues > 0 ? { minValues } : {}) });
    mapped.push(`${familyFilters.map(describe).join(', ')} → ${KWOK_PREFIX}instance-family In [${families.join(' ')}] (families of the committed instance-type table)`);
  }
  template.requirements = requirements;
  return { source: `NodePool ${name}`, object: out, mapped, dropped };
}

function describe(r: Requirement): string {
  return `${r.key} ${r.operator}${r.values && r.values.length > 0 ? ` [${r.values.join(' ')}]` : ''}`;
}

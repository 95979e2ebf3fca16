import { KWOK_NODE_ANNOTATION } from './control-plane';

/** The managed system node group as the rehearsal creates it (fake nodes kwok keeps Ready). */
export interface SystemNodeGroup {
  readonly name: string;
  readonly instanceType: string;
  readonly architecture: string;
  /** Nodes at rest, spread round-robin over `zones`. */
  readonly size: number;
  readonly maxSize: number;
  readonly zones: readonly string[];
  readonly region: string;
  readonly taints: readonly { readonly key: string; readonly value: string; readonly effect: string }[];
  /** Labels EKS puts on the group's nodes. */
  readonly labels: Readonly<Record<string, string>>;
  /** Allocatable resources of one node (cpu, memory, pods, ephemeral-storage). */
  readonly allocatable: Readonly<Record<'cpu' | 'memory' | 'pods' | 'ephemeral-storage', string>>;
}

/** Node objects for the system node group: `<group>-<zone>-<n>`, with its labels, taint and capacity. */
export function systemNodes(group: SystemNodeGroup, kubeletVersion: string): any[] {
  return Array.from({ length: group.size }, (_, i) => {
    const zone = group.zones[i % group.zones.length];
    const name = `${group.name}-${zone}-${Math.floor(i / group.zones.length)}`;
    return {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        name,
        annotations: { [KWOK_NODE_ANNOTATION.key]: KWOK_NODE_ANNOTATION.value },
        labels: {
          ...group.labels,
          'kubernetes.io/arch': group.architecture,
          'kubernetes.io/os': 'linux',
          'kubernetes.io/hostname': name,
          'node.kubernetes.io/instance-type': group.instanceType,
          'topology.kubernetes.io/zone': zone,
          'topology.kubernetes.io/region': group.region,
          type: 'kwok',
        },
      },
      spec: { taints: group.taints.map((t) => ({ ...t })) },
      status: {
        capacity: group.allocatable,
        allocatable: group.allocatable,
        nodeInfo: { architecture: group.architecture, operatingSystem: 'linux', kubeletVersion },
      },
    };
  });
}

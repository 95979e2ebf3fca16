import { CapacityChart } from '../../charts/capacity';
import type { ManifestObject } from '../../lib/argocd';
import { INSTANCE_TYPES } from '../../lib/capacity/instance-types';
import { rootVolumeSizeOf, satisfies, translateNodeClass, translateNodePool } from '../../lib/rehearsal/node-pool-translation';
import { env, findAll, render, testApp } from '../util';

function pool(requirements: object[], extra: Record<string, unknown> = {}): ManifestObject {
  return {
    apiVersion: 'karpenter.sh/v1',
    kind: 'NodePool',
    metadata: { name: 'spot-stateless' },
    spec: {
      weight: 50,
      limits: { cpu: 400, memory: '1600Gi' },
      disruption: { consolidationPolicy: 'WhenEmptyOrUnderutilized', consolidateAfter: '5m', budgets: [{ nodes: '10%' }] },
      template: {
        spec: {
          expireAfter: '720h',
          taints: [{ key: 'platform.example.com/spot', value: 'true', effect: 'NoSchedule' }],
          nodeClassRef: { group: 'karpenter.k8s.aws', kind: 'EC2NodeClass', name: 'default' },
          requirements,
        },
      },
      ...extra,
    },
  };
}

const spec = (o: ManifestObject) => (o.spec as any).template.spec;

describe('translateNodePool', () => {
  it('points the pool at the KWOKNodeClass of the same name', () => {
    const t = translateNodePool(pool([]));
    expect(spec(t.object).nodeClassRef).toEqual({ group: 'karpenter.kwok.sh', kind: 'KWOKNodeClass', name: 'default' });
  });

  it('keeps taints, limits, weight, disruption and expiry unchanged', () => {
    const source = pool([]);
    const t = translateNodePool(source);
    const out = t.object.spec as any;
    const src = source.spec as any;
    expect(out.weight).toBe(50);
    expect(out.limits).toEqual(src.limits);
    expect(out.disruption).toEqual(src.disruption);
    expect(spec(t.object).taints).toEqual(src.template.spec.taints);
    expect(spec(t.object).expireAfter).toBe('720h');
  });

  it('keeps the well-known requirements (capacity type, architecture, OS, zone) as they are', () => {
    const wellKnown = [
      { key: 'karpenter.sh/capacity-type', operator: 'In', values: ['spot'] },
      { key: 'kubernetes.io/arch', operator: 'In', values: ['arm64', 'amd64'] },
      { key: 'kubernetes.io/os', operator: 'In', values: ['linux'] },
      { key: 'topology.kubernetes.io/zone', operator: 'In', values: ['eu-west-1a'] },
    ];
    expect(spec(translateNodePool(pool(wellKnown)).object).requirements).toEqual(wellKnown);
  });

  it('maps karpenter.k8s.aws/instance-family, -size and -cpu to the kwok keys with minValues', () => {
    const t = translateNodePool(pool([
      { key: 'karpenter.k8s.aws/instance-size', operator: 'NotIn', values: ['nano', 'metal'] },
      { key: 'karpenter.k8s.aws/instance-family', operator: 'In', values: ['m7g', 'c7g'], minValues: 2 },
      { key: 'karpenter.k8s.aws/instance-cpu', operator: 'Gt', values: ['1'] },
    ]));
    expect(spec(t.object).requirements).toEqual([
      { key: 'karpenter.kwok.sh/instance-size', operator: 'NotIn', values: ['nano', 'metal'] },
      { key: 'karpenter.kwok.sh/instance-family', operator: 'In', values: ['m7g', 'c7g'], minValues: 2 },
      { key: 'karpenter.kwok.sh/instance-cpu', operator: 'Gt', values: ['1'] },
    ]);
    expect(t.dropped).toEqual([]);
  });

  it('expresses category, generation and CPU manufacturer as the families of the table that satisfy them', () => {
    const t = translateNodePool(pool([
      { key: 'karpenter.k8s.aws/instance-category', operator: 'In', values: ['c', 'm'] },
      { key: 'karpenter.k8s.aws/instance-generation', operator: 'Gt', values: ['6'] },
      { key: 'karpenter.k8s.aws/instance-cpu-manufacturer', operator: 'In', values: ['aws'], minValues: 3 },
    ]));
    expect(spec(t.object).requirements).toEqual([
      { key: 'karpenter.kwok.sh/instance-family', operator: 'In', values: ['c7g', 'c8g', 'm7g', 'm8g'], minValues: 3 },
    ]);
    expect(t.mapped.join('\n')).toContain('instance-family In [c7g c8g m7g m8g]');
  });

  it('reports requirements the kwok provider cannot express instead of silently dropping them', () => {
    const t = translateNodePool(pool([
      { key: 'karpenter.k8s.aws/instance-hypervisor', operator: 'In', values: ['nitro'] },
      { key: 'karpenter.k8s.aws/instance-memory', operator: 'Gt', values: ['4000'] },
    ]));
    expect(spec(t.object).requirements).toEqual([]);
    expect(t.dropped).toEqual([
      'requirement karpenter.k8s.aws/instance-hypervisor In [nitro]: the kwok provider has no such label',
      'requirement karpenter.k8s.aws/instance-memory Gt [4000]: the kwok provider has no such label',
    ]);
  });

  it.each(['dev', 'staging', 'prod'])('translates the %s NodePools without dropping a requirement', (name) => {
    const rendered = findAll(render(new CapacityChart(testApp(), 'capacity', env(name))), 'NodePool') as ManifestObject[];
    expect(rendered).toHaveLength(2);
    for (const p of rendered) {
      const t = translateNodePool(p);
      expect(t.dropped).toEqual([]);
      const keys = spec(t.object).requirements.map((r: { key: string }) => r.key);
      expect(keys).toContain('karpenter.sh/capacity-type');
      expect(keys.filter((k: string) => k.startsWith('karpenter.k8s.aws/'))).toEqual([]);
    }
  });
});

describe('translateNodeClass', () => {
  const nodeClass: ManifestObject = {
    apiVersion: 'karpenter.k8s.aws/v1',
    kind: 'EC2NodeClass',
    metadata: { name: 'default' },
    spec: { role: 'node-role', amiSelectorTerms: [{ alias: 'al2023@latest' }], blockDeviceMappings: [{ deviceName: '/dev/xvda', rootVolume: true, ebs: { volumeSize: '50Gi' } }] },
  };

  it('becomes a KWOKNodeClass and lists every EC2 field as not carried over', () => {
    const t = translateNodeClass(nodeClass);
    expect(t.object).toMatchObject({ apiVersion: 'karpenter.kwok.sh/v1alpha1', kind: 'KWOKNodeClass', metadata: { name: 'default' }, spec: {} });
    expect(t.dropped).toEqual(['spec.amiSelectorTerms', 'spec.blockDeviceMappings (root volume size kept as ephemeral storage)', 'spec.role']);
  });

  it('reads the root volume size', () => {
    expect(rootVolumeSizeOf(nodeClass)).toBe('50Gi');
  });
});

describe('satisfies', () => {
  const m7g = INSTANCE_TYPES.find((t) => t['node.kubernetes.io/instance-type'] === 'm7g.large')!;
  it.each([
    [{ key: 'karpenter.k8s.aws/instance-generation', operator: 'Gt', values: ['6'] }, true],
    [{ key: 'karpenter.k8s.aws/instance-generation', operator: 'Lt', values: ['7'] }, false],
    [{ key: 'karpenter.k8s.aws/instance-category', operator: 'NotIn', values: ['m'] }, false],
    [{ key: 'karpenter.k8s.aws/instance-category', operator: 'Exists' }, true],
    [{ key: 'karpenter.k8s.aws/instance-hypervisor', operator: 'DoesNotExist' }, true],
  ])('%j → %s', (r, expected) => {
    expect(satisfies(m7g, r)).toBe(expected);
  });
});

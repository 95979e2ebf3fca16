import { estimateInstanceTypes, INSTANCE_TYPES } from '../../../lib/capacity';

describe('estimateInstanceTypes', () => {
  test('no requirement: every type of the committed table', () => {
    expect(estimateInstanceTypes([]).eligible).toHaveLength(INSTANCE_TYPES.length);
  });

  test('applies category, generation, architecture and size requirements', () => {
    const { eligible } = estimateInstanceTypes([
      { key: 'karpenter.k8s.aws/instance-category', operator: 'In', values: ['m'] },
      { key: 'karpenter.k8s.aws/instance-generation', operator: 'Gt', values: ['6'] },
      { key: 'kubernetes.io/arch', operator: 'In', values: ['arm64'] },
      { key: 'karpenter.k8s.aws/instance-size', operator: 'In', values: ['large', 'xlarge'] },
    ]);
    expect([...eligible].sort()).toEqual(['m7g.large', 'm7g.xlarge', 'm8g.large', 'm8g.xlarge']);
  });

  test('reports minValues the eligible types cannot meet', () => {
    const estimate = estimateInstanceTypes([
      { key: 'karpenter.k8s.aws/instance-family', operator: 'In', values: ['c7g'] },
      { key: 'node.kubernetes.io/instance-type', operator: 'Exists', minValues: 15 },
    ]);
    expect(estimate.unmetMinValues).toEqual([{ requirement: expect.objectContaining({ key: 'node.kubernetes.io/instance-type' }), found: 8 }]);
  });

  test('names requirement keys it could not apply', () => {
    const estimate = estimateInstanceTypes([
      { key: 'karpenter.k8s.aws/instance-local-nvme', operator: 'Exists' },
      { key: 'karpenter.sh/capacity-type', operator: 'In', values: ['spot'] },
    ]);
    expect(estimate.ignoredKeys).toEqual(['karpenter.k8s.aws/instance-local-nvme']);
  });

  test('derives memory (MiB) from category and size', () => {
    const m7i = INSTANCE_TYPES.find((t) => t['node.kubernetes.io/instance-type'] === 'm7i.2xlarge')!;
    expect(m7i['karpenter.k8s.aws/instance-cpu']).toBe('8');
    expect(m7i['karpenter.k8s.aws/instance-memory']).toBe(String(32 * 1024));
  });
});

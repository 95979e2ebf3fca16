import { canLandOn, poolPlacements, statefulReasons, tolerates, workloadPod } from '../../../lib/capacity';
import { SPOT_TAINT, SPOT_TOLERATION } from '../../../lib/scheduling';

describe('tolerates', () => {
  test.each([
    ['the spot toleration', SPOT_TOLERATION, true],
    ['Exists on the key', { key: SPOT_TAINT.key, operator: 'Exists' }, true],
    ['Exists with an empty key (tolerates everything)', { operator: 'Exists' }, true],
    ['another value', { key: SPOT_TAINT.key, operator: 'Equal', value: 'false', effect: 'NoSchedule' }, false],
    ['another effect', { key: SPOT_TAINT.key, operator: 'Exists', effect: 'NoExecute' }, false],
    ['another key', { key: 'dedicated', operator: 'Exists' }, false],
    ['no operator (Equal) and matching value', { key: SPOT_TAINT.key, value: 'true' }, true],
  ])('%s -> %s', (_, toleration, expected) => {
    expect(tolerates(toleration, SPOT_TAINT)).toBe(expected);
  });
});

describe('workloadPod', () => {
  const spec = { containers: [{ name: 'c', image: 'i' }] };
  test.each([
    ['Pod', { kind: 'Pod', metadata: { labels: { a: 'b' } }, spec }],
    ['ScaledJob', { apiVersion: 'keda.sh/v1alpha1', kind: 'ScaledJob', spec: { jobTargetRef: { template: { metadata: { labels: { a: 'b' } }, spec } } } }],
    ['an unknown workload-shaped kind', { kind: 'Widget', spec: { template: { metadata: { labels: { a: 'b' } }, spec } } }],
  ])('finds the pod of a %s', (_, object) => {
    expect(workloadPod(object)).toEqual({ labels: { a: 'b' }, spec });
  });

  test('objects without pods have none', () => {
    expect(workloadPod({ kind: 'ConfigMap', metadata: { name: 'x' } })).toBeUndefined();
  });
});

describe('canLandOn', () => {
  const [pool] = poolPlacements([
    {
      apiVersion: 'karpenter.sh/v1',
      kind: 'NodePool',
      metadata: { name: 'gpu' },
      spec: { template: { metadata: { labels: { team: 'ml' } }, spec: { requirements: [], taints: [] } } },
    },
  ]);

  test('a pool without capacity-type requirement launches on-demand only', () => {
    const pod = { labels: {}, spec: {} };
    expect(canLandOn(pod, pool)).toBe(true);
    expect(canLandOn(pod, pool, [{ key: 'karpenter.sh/capacity-type', operator: 'In', values: ['spot'] }])).toBe(false);
  });

  test('pool labels and name constrain which pods fit', () => {
    expect(canLandOn({ labels: {}, spec: { nodeSelector: { team: 'web' } } }, pool)).toBe(false);
    expect(canLandOn({ labels: {}, spec: { nodeSelector: { 'karpenter.sh/nodepool': 'gpu' } } }, pool)).toBe(true);
  });
});

describe('statefulReasons', () => {
  test('a stateless Deployment has none', () => {
    expect(statefulReasons({ kind: 'Deployment' }, { labels: {}, spec: { volumes: [{ name: 'tmp', emptyDir: {} }] } })).toEqual([]);
  });
});

import { Duration, Size } from 'cdk8s';
import { Ec2NodeClass, NodePool, type NodePoolProps } from '../../../lib/capacity';
import { SPOT_TAINT, SPOT_TOLERATION } from '../../../lib/scheduling';
import { findOne, render, testChart } from '../../util';

function build(overrides: Partial<NodePoolProps> = {}) {
  const chart = testChart();
  const nodeClass = new Ec2NodeClass(chart, 'node-class', {
    name: 'default',
    amiFamily: 'al2023',
    amiVersion: 'v20251120',
    role: 'node-role',
    subnetSelectorTags: { 'karpenter.sh/discovery': 'c' },
    securityGroupSelectorTags: { 'karpenter.sh/discovery': 'c' },
  });
  const pool = new NodePool(chart, 'pool', {
    name: 'spot-stateless',
    nodeClass,
    capacityTypes: ['spot'],
    taints: [SPOT_TAINT],
    limits: { cpu: 200, memory: Size.gibibytes(800) },
    weight: 50,
    ...overrides,
  });
  return { pool, chart, spec: findOne(render(chart), 'NodePool').spec };
}

const requirement = (spec: any, key: string) => spec.template.spec.requirements.find((r: any) => r.key === key);

describe('NodePool', () => {
  test('snapshot (spot)', () => {
    expect(render(build().chart)).toMatchSnapshot();
  });

  test('references its node class by object', () => {
    expect(build().spec.template.spec.nodeClassRef).toEqual({ group: 'karpenter.k8s.aws', kind: 'EC2NodeClass', name: 'default' });
  });

  test('spot pool: spot only, tainted, admitting exactly the SPOT_TOLERATION', () => {
    const { pool, spec } = build();
    expect(requirement(spec, 'karpenter.sh/capacity-type')).toEqual({ key: 'karpenter.sh/capacity-type', operator: 'In', values: ['spot'] });
    expect(spec.template.spec.taints).toEqual([{ key: SPOT_TAINT.key, value: SPOT_TAINT.value, effect: SPOT_TAINT.effect }]);
    expect(pool.tolerations()).toEqual([SPOT_TOLERATION]);
    expect(pool.spot).toBe(true);
  });

  test('spot pool: broad instance diversity enforced with minValues', () => {
    const { pool, spec } = build();
    expect(requirement(spec, 'karpenter.k8s.aws/instance-category').values).toEqual(['c', 'm', 'r']);
    expect(requirement(spec, 'karpenter.k8s.aws/instance-generation')).toEqual({ key: 'karpenter.k8s.aws/instance-generation', operator: 'Gt', values: ['5'] });
    expect(requirement(spec, 'node.kubernetes.io/instance-type')).toEqual({ key: 'node.kubernetes.io/instance-type', operator: 'Exists', minValues: 15 });
    expect(requirement(spec, 'karpenter.k8s.aws/instance-family')).toEqual({ key: 'karpenter.k8s.aws/instance-family', operator: 'Exists', minValues: 5 });
    expect(pool.estimatedInstanceTypes.length).toBeGreaterThanOrEqual(15);
  });

  test('allows amd64 and arm64 by default', () => {
    expect(requirement(build().spec, 'kubernetes.io/arch').values).toEqual(['amd64', 'arm64']);
  });

  test('on-demand pool: no taint, no minValues, nothing to tolerate', () => {
    const { pool, spec } = build({ name: 'on-demand', capacityTypes: ['on-demand'], taints: undefined, weight: 10 });
    expect(spec.template.spec.taints).toBeUndefined();
    expect(requirement(spec, 'node.kubernetes.io/instance-type')).toBeUndefined();
    expect(pool.tolerations()).toEqual([]);
    expect(spec.weight).toBe(10);
  });

  test('limits, expiry, consolidation and budgets', () => {
    const { spec } = build({
      limits: { cpu: 64, memory: Size.gibibytes(256) },
      expireAfter: Duration.hours(336),
      consolidateAfter: Duration.seconds(30),
      budgets: [{ nodes: '10%' }, { nodes: '0', reasons: ['Drifted', 'Underutilized'], schedule: '0 8 * * 1-5', duration: Duration.hours(10) }],
    });
    expect(spec.limits).toEqual({ cpu: 64, memory: '256Gi' });
    expect(spec.template.spec.expireAfter).toBe('336h');
    expect(spec.disruption).toEqual({
      consolidationPolicy: 'WhenEmptyOrUnderutilized',
      consolidateAfter: '30s',
      budgets: [{ nodes: '10%' }, { nodes: '0', reasons: ['Drifted', 'Underutilized'], schedule: '0 8 * * 1-5', duration: '10h' }],
    });
  });

  test('fails when the pool has no limits', () => {
    expect(() => build({ limits: undefined as never })).toThrow(
      'NodePool spot-stateless: limits = (missing): every NodePool needs positive cpu and memory limits',
    );
    expect(() => build({ limits: { cpu: 0, memory: Size.gibibytes(10) } })).toThrow('NodePool spot-stateless: limits = cpu 0, memory 10Gi: every NodePool needs positive cpu and memory limits');
  });

  test('fails when a spot pool leaves fewer than 15 instance types eligible', () => {
    expect(() => build({ instanceFamilies: ['c7g'], minInstanceFamilies: 1 })).toThrow(
      'NodePool spot-stateless: requirements leave about 7 instance types eligible (estimated from the committed c/m/r instance-type table): a spot pool needs at least 15',
    );
  });

  test('fails when minValues cannot be met by the requirements', () => {
    expect(() => build({ capacityTypes: ['on-demand'], instanceFamilies: ['m7g', 'm7i'], minInstanceFamilies: 3 })).toThrow(
      'NodePool spot-stateless: karpenter.k8s.aws/instance-family minValues = 3: the requirements leave about 2 distinct values',
    );
  });

  test('fails when a budget duration is not whole minutes', () => {
    expect(() => build({ budgets: [{ nodes: '0', schedule: '0 8 * * *', duration: Duration.seconds(90) }] })).toThrow(
      'NodePool spot-stateless: budgets[0]: duration = 1 minute 30 seconds: must be a positive whole number of minutes',
    );
  });

  test('fails when a budget has a schedule without a duration', () => {
    expect(() => build({ budgets: [{ nodes: '0', schedule: '0 8 * * *' }] })).toThrow('NodePool spot-stateless: budgets[0]: schedule and duration must be set together');
  });

  test('fails when a budget node count is malformed', () => {
    expect(() => build({ budgets: [{ nodes: '150%' }] })).toThrow('NodePool spot-stateless: budgets[0]: nodes = "150%": must be a node count');
  });

  test('fails when the weight is out of range', () => {
    expect(() => build({ weight: 500 })).toThrow('NodePool spot-stateless: weight = 500: must be an integer from 1 to 100');
  });

  test('fails when no capacity type is given', () => {
    expect(() => build({ capacityTypes: [] })).toThrow("NodePool spot-stateless: capacityTypes = []: must list 'spot' and/or 'on-demand'");
  });
});

import { CapacityChart, karpenterValues } from '../../charts/capacity';
import { awsNames } from '../../environments';
import { GRAVITON_PREFERENCE, NODE_POOLS, SPOT_TAINT, SPOT_TOLERATION } from '../../lib/scheduling';
import { compatible, tolerates } from '../../lib/capacity';
import { UPSTREAM } from '../../lib/upstream/pins';
import { env, envWith, findAll, findOne, render, testApp } from '../util';
import type { EnvironmentConfig } from '../../environments';

function build(config: EnvironmentConfig) {
  const chart = new CapacityChart(testApp(), 'capacity', config);
  return { chart, objects: render(chart) };
}
const requirement = (pool: any, key: string) => pool.spec.template.spec.requirements.find((r: any) => r.key === key);

describe('CapacityChart', () => {
  test.each(['dev', 'staging', 'prod'])('snapshot (%s)', (name) => {
    const { chart, objects } = build(env(name));
    expect(objects).toMatchSnapshot();
    expect(chart.karpenter.values).toMatchSnapshot();
  });

  test('one EC2NodeClass and the two named pools', () => {
    const { objects } = build(env('prod'));
    expect(findAll(objects, 'EC2NodeClass').map((o) => o.metadata.name)).toEqual(['default']);
    expect(findAll(objects, 'NodePool').map((o) => o.metadata.name).sort()).toEqual([NODE_POOLS.onDemand, NODE_POOLS.spotStateless].sort());
  });

  test('EC2NodeClass: IMDSv2 only, hop limit 1, encrypted root volume, names from awsNames, cost tags', () => {
    const config = env('prod');
    const spec = findOne(build(config).objects, 'EC2NodeClass').spec;
    expect(spec.metadataOptions).toMatchObject({ httpTokens: 'required', httpPutResponseHopLimit: 1 });
    expect(spec.blockDeviceMappings[0].ebs).toMatchObject({ encrypted: true, volumeType: 'gp3', volumeSize: '50Gi' });
    expect(spec.role).toBe(awsNames(config).karpenterNodeRole);
    expect(spec.subnetSelectorTerms[0].tags).toEqual({ [awsNames(config).discoveryTagKey]: awsNames(config).discoveryTagValue });
    expect(spec.tags).toEqual({ 'cost-center': 'cc-1042', environment: 'prod', team: 'platform' });
  });

  test('AMI alias: pinned in staging and prod, latest in dev', () => {
    expect(findOne(build(env('prod')).objects, 'EC2NodeClass').spec.amiSelectorTerms).toEqual([{ alias: 'al2023@v20260903' }]);
    expect(findOne(build(env('staging')).objects, 'EC2NodeClass').spec.amiSelectorTerms).toEqual([{ alias: 'al2023@v20260903' }]);
    expect(findOne(build(env('dev')).objects, 'EC2NodeClass').spec.amiSelectorTerms).toEqual([{ alias: 'al2023@latest' }]);
  });

  test('Bottlerocket puts the sized data volume on /dev/xvdb', () => {
    const spec = findOne(build(envWith('prod', { capacity: { amiFamily: 'bottlerocket', amiAliasVersion: 'v1.50.0' } })).objects, 'EC2NodeClass').spec;
    expect(spec.blockDeviceMappings.map((b: any) => [b.deviceName, b.ebs.volumeSize])).toEqual([['/dev/xvda', '4Gi'], ['/dev/xvdb', '50Gi']]);
  });

  test('spot pool is tainted with SPOT_TAINT and SPOT_TOLERATION admits workloads to it', () => {
    const spot = findOne(build(env('prod')).objects, 'NodePool', NODE_POOLS.spotStateless);
    expect(spot.spec.template.spec.taints).toEqual([{ ...SPOT_TAINT }]);
    expect(requirement(spot, 'karpenter.sh/capacity-type').values).toEqual(['spot']);
    for (const taint of spot.spec.template.spec.taints) expect(tolerates(SPOT_TOLERATION, taint)).toBe(true);
    expect(requirement(spot, 'node.kubernetes.io/instance-type').minValues).toBe(15);
  });

  test('on-demand pool has no taint and is the lower-weight fallback', () => {
    const { objects } = build(env('prod'));
    const onDemand = findOne(objects, 'NodePool', NODE_POOLS.onDemand);
    const spot = findOne(objects, 'NodePool', NODE_POOLS.spotStateless);
    expect(onDemand.spec.template.spec.taints).toBeUndefined();
    expect(requirement(onDemand, 'karpenter.sh/capacity-type').values).toEqual(['on-demand']);
    expect(spot.spec.weight).toBeGreaterThan(onDemand.spec.weight);
  });

  test('Graviton: both pools offer arm64 (listed first) and amd64; Karpenter respects workload preferences', () => {
    const { chart, objects } = build(env('prod'));
    for (const pool of findAll(objects, 'NodePool')) {
      expect(requirement(pool, 'kubernetes.io/arch').values).toEqual(['arm64', 'amd64']);
      // The workload-side preference can be met by every pool.
      expect(compatible(GRAVITON_PREFERENCE.preference.matchExpressions, pool.spec.template.spec.requirements)).toBe(true);
    }
    expect((chart.karpenter.values.settings as any).preferencePolicy).toBe('Respect');
    const amd64Only = build(envWith('prod', { capacity: { preferArm64: false } })).objects;
    for (const pool of findAll(amd64Only, 'NodePool')) expect(requirement(pool, 'kubernetes.io/arch').values).toEqual(['amd64']);
  });

  test.each([
    ['dev', { spot: { cpu: 64, memory: '256Gi' }, onDemand: { cpu: 16, memory: '64Gi' } }],
    ['staging', { spot: { cpu: 128, memory: '512Gi' }, onDemand: { cpu: 64, memory: '256Gi' } }],
    ['prod', { spot: { cpu: 400, memory: '1600Gi' }, onDemand: { cpu: 400, memory: '1600Gi' } }],
  ])('limits per environment (%s)', (name, limits) => {
    const { objects } = build(env(name));
    expect(findOne(objects, 'NodePool', NODE_POOLS.spotStateless).spec.limits).toEqual(limits.spot);
    expect(findOne(objects, 'NodePool', NODE_POOLS.onDemand).spec.limits).toEqual(limits.onDemand);
  });

  test('budgets: prod at most 10 % and frozen for drift/underutilized on business hours', () => {
    const pool = findOne(build(env('prod')).objects, 'NodePool', NODE_POOLS.onDemand);
    expect(pool.spec.disruption).toEqual({
      consolidationPolicy: 'WhenEmptyOrUnderutilized',
      consolidateAfter: '5m',
      budgets: [{ nodes: '10%' }, { nodes: '0', reasons: ['Drifted', 'Underutilized'], schedule: '0 8 * * 1-5', duration: '10h' }],
    });
    expect(pool.spec.template.spec.expireAfter).toBe('720h');
  });

  test('budgets: staging 20 % without freeze', () => {
    expect(findOne(build(env('staging')).objects, 'NodePool', NODE_POOLS.spotStateless).spec.disruption.budgets).toEqual([{ nodes: '20%' }]);
  });

  test('budgets: dev drains empty nodes all at once so pools scale to zero', () => {
    const pool = findOne(build(env('dev')).objects, 'NodePool', NODE_POOLS.spotStateless);
    expect(pool.spec.disruption).toMatchObject({
      consolidateAfter: '30s',
      budgets: [{ nodes: '50%', reasons: ['Drifted', 'Underutilized'] }, { nodes: '100%', reasons: ['Empty'] }],
    });
  });

  test('a disabled pool is not rendered', () => {
    const { chart, objects } = build(envWith('dev', { capacity: { spot: { enabled: false } } }));
    expect(findAll(objects, 'NodePool').map((p) => p.metadata.name)).toEqual([NODE_POOLS.onDemand]);
    expect(chart.spotStatelessPool).toBeUndefined();
  });

  test('every object carries the common labels', () => {
    for (const o of build(env('prod')).objects) expect(o.metadata.labels).toMatchObject({ 'cost-center': 'cc-1042', team: 'platform' });
  });
});

describe('Karpenter Helm values', () => {
  test('pinned chart, release in the karpenter namespace', () => {
    const { chart } = build(env('prod'));
    expect(chart.karpenter.chart).toBe(UPSTREAM.karpenter.chart);
    expect(chart.karpenter.namespace).toBe('karpenter');
    expect(chart.karpenter.valuesPath).toBe('helm-values/karpenter.yaml');
  });

  test('settings, Pod Identity service account, HA in prod only', () => {
    const config = env('prod');
    const values = karpenterValues(config) as any;
    expect(values.settings).toMatchObject({ clusterName: 'platform-prod', interruptionQueue: awsNames(config).interruptionQueue });
    expect(values.serviceAccount).toEqual({ create: true, name: awsNames(config).podIdentities.karpenter.serviceAccount });
    expect(values.replicas).toBe(2);
    expect(values.podDisruptionBudget).toEqual({ name: 'karpenter', maxUnavailable: 1 });
    expect((karpenterValues(env('dev')) as any).replicas).toBe(1);
  });

  test('controller runs on the system node group, never on Karpenter nodes', () => {
    const config = env('prod');
    const values = karpenterValues(config) as any;
    const [term] = values.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms;
    expect(term.matchExpressions).toEqual([
      { key: 'karpenter.sh/nodepool', operator: 'DoesNotExist' },
      { key: 'eks.amazonaws.com/nodegroup', operator: 'In', values: [awsNames(config).systemNodeGroup] },
    ]);
    expect(values.tolerations).toEqual([{ key: 'CriticalAddonsOnly', operator: 'Exists', effect: 'NoSchedule' }]);
    expect(values.controller.resources.requests).toEqual({ cpu: '1', memory: '1Gi' });
    expect(values.controller.resources.limits).toEqual({ cpu: '1', memory: '1Gi' });
    expect(values.controller.image.tag).toBe(UPSTREAM.karpenter.appVersion);
  });
});

import { checkInvariants, healthOf, pendingReason, sourceOf, type LiveCluster } from '../../lib/rehearsal';
import { fixturePlan } from './rehearsal-fixtures';

const node = (name: string, labels: Record<string, string>, taints: object[] = [], cpu = '2') => ({ metadata: { name, labels }, spec: { taints }, status: { capacity: { cpu, memory: '4Gi' } } });
const SYSTEM_A = node('sys-a', { 'topology.kubernetes.io/zone': 'test-1a' }, [{ key: 'CriticalAddonsOnly', value: 'true', effect: 'NoSchedule' }]);
const SPOT = node('spot-1', { 'topology.kubernetes.io/zone': 'test-1a', 'karpenter.sh/capacity-type': 'spot', 'karpenter.sh/nodepool': 'spot-stateless' });
const OD = node('od-1', { 'topology.kubernetes.io/zone': 'test-1b', 'karpenter.sh/capacity-type': 'on-demand', 'karpenter.sh/nodepool': 'on-demand' });

function pod(name: string, ns: string, owner: { kind: string; name: string }, nodeName: string | undefined, spec: Record<string, unknown> = {}) {
  return { metadata: { name, namespace: ns, uid: name, ownerReferences: [owner] }, spec: { nodeName, ...spec }, status: { phase: nodeName ? 'Running' : 'Pending' } };
}

function live(pods: any[], nodes = [SYSTEM_A, SPOT, OD]): LiveCluster {
  return {
    pods,
    nodes,
    replicaSets: [
      { metadata: { name: 'controller-1', namespace: 'controllers', ownerReferences: [{ kind: 'Deployment', name: 'controller' }] } },
      { metadata: { name: 'web-1', namespace: 'shop', ownerReferences: [{ kind: 'Deployment', name: 'web' }] } },
    ],
    jobs: [],
  };
}

const plan = fixturePlan();
const context = { plan, systemNodes: new Set(['sys-a']), systemNodeGroupName: 'test-system', systemNodeGroupMaxSize: 4, nodePools: [], spreadZones: 2, workloadProject: 'workloads' };
const result = (l: LiveCluster, name: string) => checkInvariants(l, context).find((i) => i.name.startsWith(name))!;
const SPOT_TOLERATION = { tolerations: [{ key: 'platform.example.com/spot', operator: 'Equal', value: 'true', effect: 'NoSchedule' }] };

describe('checkInvariants', () => {
  test('fails when a StatefulSet pod runs on a spot node', () => {
    const r = result(live([pod('db-0', 'shop', { kind: 'StatefulSet', name: 'db' }, 'spot-1')]), 'no stateful pod');
    expect(r.ok).toBe(false);
    expect(r.details).toEqual(['Pod shop/db-0 is stateful but runs on spot node spot-1']);
  });

  test('fails when a pod synced before Karpenter runs off the system node group', () => {
    const r = result(live([pod('controller-1-x', 'controllers', { kind: 'ReplicaSet', name: 'controller-1' }, 'od-1')]), 'pods synced before Karpenter');
    expect(r.ok).toBe(false);
    expect(r.details).toEqual(['Pod controllers/controller-1-x (test-controller) runs on od-1 (NodePool on-demand)']);
  });

  test('fails when a product workload with enough replicas stays in one zone', () => {
    const pods = ['a', 'b'].map((s) => pod(`web-1-${s}`, 'shop', { kind: 'ReplicaSet', name: 'web-1' }, 'spot-1', SPOT_TOLERATION));
    const r = result(live(pods), 'replicas spread');
    expect(r.ok).toBe(false);
    expect(r.details).toEqual(['Deployment shop/web: 2 replicas in 1 zone(s) (test-1a)']);
  });

  const spotPools = [{ metadata: { name: 'spot-stateless' }, spec: { template: { spec: { requirements: [{ key: 'karpenter.sh/capacity-type', operator: 'In', values: ['spot'] }] } } } }];
  const OD_A = node('od-a', { 'topology.kubernetes.io/zone': 'test-1a', 'karpenter.sh/capacity-type': 'on-demand', 'karpenter.sh/nodepool': 'on-demand' });
  const spotResult = (l: LiveCluster) => checkInvariants(l, { ...context, nodePools: spotPools }).find((i) => i.name.startsWith('stateless product pods'))!;

  test('fails when a stateless product pod that prefers spot runs on on-demand while a spot node of its zone has room', () => {
    const r = spotResult(live([pod('web-1-a', 'shop', { kind: 'ReplicaSet', name: 'web-1' }, 'od-a', SPOT_TOLERATION)], [SYSTEM_A, SPOT, OD, OD_A]));
    expect(r.ok).toBe(false);
    expect(r.details[0]).toBe('Pod shop/web-1-a tolerates and prefers spot but runs on on-demand node od-a while a spot node of its zone has room');
  });

  test('passes, listing the fallback, when no spot node of the pod\'s zone has room', () => {
    const r = spotResult(live([pod('web-1-a', 'shop', { kind: 'ReplicaSet', name: 'web-1' }, 'od-1', SPOT_TOLERATION)]));
    expect(r.ok).toBe(true);
    expect(r.details).toEqual(['0 of 1 pod(s) on spot', 'Pod shop/web-1-a on on-demand fallback: no spot node of zone test-1b had room']);
  });

  test('fails when a NodePool has more CPU than its limit', () => {
    const pools = [{ metadata: { name: 'on-demand' }, spec: { limits: { cpu: 1 }, template: { spec: { requirements: [] } } } }];
    const r = checkInvariants(live([]), { ...context, nodePools: pools }).find((i) => i.name.startsWith('node count'))!;
    expect(r.details).toEqual(['NodePool on-demand: cpu 2 > limit 1']);
  });

  test('fails when a pod is still Pending, with the taints it does not tolerate', () => {
    const pending = pod('controller-1-y', 'controllers', { kind: 'ReplicaSet', name: 'controller-1' }, undefined);
    (pending.status as any).conditions = [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: '0/1 nodes are available: 1 node(s) had untolerated taint(s).' }];
    const r = result(live([pending], [SYSTEM_A]), 'nothing Pending');
    expect(r.details).toEqual(['Pod controllers/controller-1-y: Unschedulable: 0/1 nodes are available: 1 node(s) had untolerated taint(s). [does not tolerate CriticalAddonsOnly=true:NoSchedule]']);
  });

  test('holds on a well-placed cluster', () => {
    const pods = [
      pod('controller-1-x', 'controllers', { kind: 'ReplicaSet', name: 'controller-1' }, 'sys-a'),
      pod('db-0', 'shop', { kind: 'StatefulSet', name: 'db' }, 'od-1'),
      pod('web-1-a', 'shop', { kind: 'ReplicaSet', name: 'web-1' }, 'spot-1', SPOT_TOLERATION),
    ];
    expect(checkInvariants(live(pods), context).filter((i) => !i.ok)).toEqual([]);
  });
});

describe('pendingReason', () => {
  test('says a scheduled pod has not started', () => {
    expect(pendingReason({ spec: { nodeName: 'n1' }, status: {} })).toBe('scheduled on n1, not started');
  });
});

describe('sourceOf', () => {
  test.each([
    ['pods "a" is forbidden: violates PodSecurity "restricted:latest": runAsNonRoot != true', 403, 'PodSecurity'],
    ['pods "a" is forbidden: exceeded quota: compute, requested: limits.cpu=1', 403, 'ResourceQuota'],
    ['pods "a" is forbidden: maximum cpu usage per Container is 2, but limit is 4', 403, 'LimitRange'],
    ['namespaces "shop" not found', 404, 'missing namespace'],
    ['NodePool.karpenter.sh "x" is invalid: spec.template.spec.requirements[0].key: Invalid value', 422, 'validation'],
  ])('%s → %s', (message, status, source) => {
    expect(sourceOf(message, status)).toBe(source);
  });
});

describe('healthOf', () => {
  test('a Deployment is healthy only when every replica is available and updated', () => {
    expect(healthOf('Deployment', { metadata: { generation: 1 }, spec: { replicas: 2 }, status: { observedGeneration: 1, availableReplicas: 1, updatedReplicas: 2 } }).healthy).toBe(false);
    expect(healthOf('Deployment', { metadata: { generation: 1 }, spec: { replicas: 2 }, status: { observedGeneration: 1, availableReplicas: 2, updatedReplicas: 2 } }).healthy).toBe(true);
  });

  test('a failed Job is not healthy and says why', () => {
    expect(healthOf('Job', { status: { conditions: [{ type: 'Failed', status: 'True', message: 'BackoffLimitExceeded' }] } })).toEqual({ healthy: false, message: 'failed: BackoffLimitExceeded' });
  });

  test('a ResourceQuota counts once its usage is computed (before that nothing is enforced)', () => {
    const spec = { hard: { 'limits.cpu': '1' } };
    expect(healthOf('ResourceQuota', { spec, status: {} })).toEqual({ healthy: false, message: 'usage not computed yet' });
    expect(healthOf('ResourceQuota', { spec, status: { hard: { 'limits.cpu': '1' }, used: { 'limits.cpu': '0' } } }).healthy).toBe(true);
  });

  test('a CRD is healthy once Established; a PVC once Bound', () => {
    expect(healthOf('CustomResourceDefinition', { status: { conditions: [{ type: 'Established', status: 'True' }] } }).healthy).toBe(true);
    expect(healthOf('PersistentVolumeClaim', { status: { phase: 'Pending' } })).toEqual({ healthy: false, message: 'Pending' });
  });
});

import { Duration } from 'cdk8s';
import { ChaosDrill, NODE_DRAIN, POD_DELETE, rolloutTarget, type ChaosDrillProps } from '../../../lib/chaos';
import { findAll, findOne, render } from '../../util';
import { experiment, ownedChart, PROMETHEUS, webService } from './fixtures';

function podDelete(overrides: Partial<ChaosDrillProps> = {}) {
  const chart = ownedChart();
  const api = webService(chart);
  const drill = new ChaosDrill(chart, 'drill', {
    name: 'api-pod-delete',
    experiment: experiment(chart, POD_DELETE),
    target: rolloutTarget(api),
    podsAffectedPercent: 50,
    chaosDuration: Duration.seconds(60),
    ...overrides,
  });
  return { chart, api, drill };
}

function nodeDrain(overrides: Partial<ChaosDrillProps> = {}) {
  const chart = ownedChart();
  const frontend = webService(chart, 'frontend');
  const drill = new ChaosDrill(chart, 'drill', {
    name: 'spot-node-drain',
    experiment: experiment(chart, NODE_DRAIN),
    nodeLabel: { key: 'karpenter.sh/capacity-type', value: 'spot' },
    chaosDuration: Duration.seconds(30),
    ...overrides,
  });
  return { chart, frontend, drill };
}

const drillObjects = (chart: ReturnType<typeof ownedChart>) =>
  render(chart).filter((o) => !['Rollout', 'Service', 'PodDisruptionBudget', 'HorizontalPodAutoscaler'].includes(o.kind) && !(o.kind === 'ServiceAccount' && o.metadata.namespace === 'apps'));

describe('ChaosDrill', () => {
  test('snapshot (pod-delete of a Rollout: objects and engine)', () => {
    const { chart, api, drill } = podDelete();
    drill.expectHealthy(api);
    drill.expectErrorRatioBelow(api, 0.05, { prometheus: PROMETHEUS });
    expect(drillObjects(chart)).toMatchSnapshot();
    expect(drill.engineManifest).toMatchSnapshot();
  });

  test('snapshot (node-drain: objects and engine)', () => {
    const { chart, frontend, drill } = nodeDrain();
    drill.expectHealthy(frontend);
    expect(drillObjects(chart)).toMatchSnapshot();
    expect(drill.engineManifest).toMatchSnapshot();
  });

  test('engine targets the Rollout by its selector and namespace, runs as its own ServiceAccount', () => {
    const { api, drill } = podDelete();
    drill.expectHealthy(api);
    const engine = drill.engineManifest as any;
    expect(engine).toMatchObject({ apiVersion: 'litmuschaos.io/v1alpha1', kind: 'ChaosEngine', metadata: { name: 'api-pod-delete', namespace: 'litmus' } });
    expect(engine.spec).toMatchObject({ engineState: 'active', jobCleanUpPolicy: 'delete', defaultHealthCheck: true, chaosServiceAccount: 'api-pod-delete' });
    expect(engine.spec.appinfo).toEqual({ appns: 'apps', applabel: 'app.kubernetes.io/name=api', appkind: 'rollout' });
    expect(engine.spec.experiments[0].name).toBe('pod-delete');
    expect(engine.metadata.labels).toMatchObject({ team: 'payments', 'cost-center': 'cc-7', 'app.kubernetes.io/name': 'api-pod-delete' });
    expect(drill.resultName).toBe('api-pod-delete-pod-delete');
  });

  test('typed props become the tunables: duration, percent, node label', () => {
    const { api, drill } = podDelete({ rampTime: Duration.seconds(10), env: { FORCE: 'false' } });
    drill.expectHealthy(api);
    const env = (drill.engineManifest as any).spec.experiments[0].spec.components.env;
    expect(env).toEqual([
      { name: 'TOTAL_CHAOS_DURATION', value: '60' },
      { name: 'RAMP_TIME', value: '10' },
      { name: 'PODS_AFFECTED_PERC', value: '50' },
      { name: 'FORCE', value: 'false' },
    ]);
    const drain = nodeDrain().drill;
    drain.expectPrometheus({ name: 'up', endpoint: PROMETHEUS, query: 'vector(1)', criteria: '==', value: 1 });
    expect((drain.engineManifest as any).spec.experiments[0].spec.components.env).toContainEqual({ name: 'NODE_LABEL', value: 'karpenter.sh/capacity-type=spot' });
    expect((drain.engineManifest as any).spec.appinfo).toBeUndefined();
    expect((drain.engineManifest as any).spec.defaultHealthCheck).toBe(false);
  });

  test('pod fault: runner Role in the chaos namespace, pod delete only in the target namespace, nothing cluster-wide', () => {
    const { chart } = podDelete();
    const objects = render(chart);
    const runner = findOne(objects, 'Role', 'api-pod-delete', 'litmus');
    expect(runner.rules).toContainEqual({ apiGroups: ['batch'], resources: ['jobs'], verbs: ['create', 'list', 'get', 'delete', 'deletecollection'] });
    const target = findOne(objects, 'Role', 'api-pod-delete-target', 'apps');
    expect(target.rules).toContainEqual({ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'delete'] });
    expect(target.rules).toContainEqual({ apiGroups: ['argoproj.io'], resources: ['rollouts'], verbs: ['get', 'list'] });
    expect(target.rules.flatMap((r: any) => r.resources)).not.toContain('jobs');
    const binding = findOne(objects, 'RoleBinding', 'api-pod-delete-target', 'apps');
    expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name: 'api-pod-delete', namespace: 'litmus' }]);
    expect(findAll(objects, 'ClusterRole')).toEqual([]);
    expect(findAll(objects, 'ClusterRoleBinding')).toEqual([]);
  });

  test('node fault: a prefixed ClusterRole for nodes and evictions, no Role outside the chaos namespace', () => {
    const { chart } = nodeDrain();
    const objects = render(chart);
    const role = findOne(objects, 'ClusterRole', 'chaos-spot-node-drain');
    expect(role.rules).toEqual(NODE_DRAIN.clusterRules.map((r) => ({ ...r })));
    expect(findOne(objects, 'ClusterRoleBinding', 'chaos-spot-node-drain').subjects).toEqual([{ kind: 'ServiceAccount', name: 'spot-node-drain', namespace: 'litmus' }]);
    expect(findAll(objects, 'Role').map((r) => r.metadata.namespace)).toEqual(['litmus']);
  });

  test('expectHealthy probes the in-cluster health URL and opens the target to experiment pods only', () => {
    const { chart, api, drill } = podDelete();
    drill.expectHealthy(api);
    const probe = (drill.engineManifest as any).spec.experiments[0].spec.probe[0];
    expect(probe).toMatchObject({ name: 'api-healthy', type: 'httpProbe', mode: 'Continuous', 'httpProbe/inputs': { url: 'http://api.apps.svc.cluster.local:80/healthz' } });
    const policy = findOne(render(chart), 'NetworkPolicy', 'api-from-api-pod-delete', 'apps');
    expect(policy.spec.podSelector).toEqual({ matchLabels: { 'app.kubernetes.io/name': 'api' } });
    expect(policy.spec.ingress).toEqual([
      {
        from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'litmus' } }, podSelector: { matchLabels: { 'app.kubernetes.io/part-of': 'litmus', 'app.kubernetes.io/component': 'experiment-job' } } }],
        ports: [{ protocol: 'TCP', port: 8080 }],
      },
    ]);
  });

  test('expectErrorRatioBelow: promProbe over a window covering the chaos', () => {
    const { api, drill } = podDelete({ chaosDuration: Duration.seconds(300) });
    drill.expectErrorRatioBelow(api, 0.01, { prometheus: PROMETHEUS });
    const probe = (drill.engineManifest as any).spec.experiments[0].spec.probe[0];
    expect(probe['promProbe/inputs'].query).toContain('[6m]');
    expect(probe['promProbe/inputs'].comparator).toEqual({ criteria: '<=', value: '0.01' });
    expect(drill.probeNames).toEqual(['api-error-ratio']);
  });

  test('timeout covers the chaos, both ramps and a fixed allowance', () => {
    expect(podDelete({ rampTime: Duration.seconds(30) }).drill.timeout.toSeconds()).toBe(60 + 60 + 600);
  });

  test('fails when a pod fault has no target', () => {
    expect(() => podDelete({ target: undefined })).toThrow('ChaosDrill api-pod-delete: target is missing: pod-delete acts on the pods of a workload; pass one (e.g. rolloutTarget(service))');
  });

  test('fails when a node fault is given a workload target', () => {
    const chart = ownedChart();
    const api = webService(chart);
    expect(() => new ChaosDrill(chart, 'd', { name: 'drain', experiment: experiment(chart, NODE_DRAIN), target: rolloutTarget(api), nodeLabel: { key: 'a', value: 'b' }, chaosDuration: Duration.seconds(30) })).toThrow(
      'ChaosDrill drain: target is set, but node-drain acts on nodes: pick the node with nodeLabel instead',
    );
  });

  test('fails when a node fault has no node label', () => {
    expect(() => nodeDrain({ nodeLabel: undefined })).toThrow('ChaosDrill spot-node-drain: nodeLabel is missing: node-drain needs the label that picks its node, e.g. karpenter.sh/capacity-type=spot');
  });

  test('fails when a pod fault is given a node label', () => {
    expect(() => podDelete({ nodeLabel: { key: 'a', value: 'b' } })).toThrow('ChaosDrill api-pod-delete: nodeLabel is set, but pod-delete targets pods through target');
  });

  test('fails when podsAffectedPercent is outside 1-100', () => {
    expect(() => podDelete({ podsAffectedPercent: 150 })).toThrow('ChaosDrill api-pod-delete: podsAffectedPercent = 150: must be an integer from 1 to 100, for pod faults only');
  });

  test('fails when the chaos duration is zero', () => {
    expect(() => podDelete({ chaosDuration: Duration.seconds(0) })).toThrow('ChaosDrill api-pod-delete: chaosDuration = 0 seconds: must be a whole number of seconds, at least 1');
  });

  test('fails when env names a tunable the fault does not have', () => {
    expect(() => podDelete({ env: { FORCED: 'true' } })).toThrow('ChaosDrill api-pod-delete: env.FORCED: not a tunable of pod-delete (known: TOTAL_CHAOS_DURATION, RAMP_TIME, FORCE');
  });

  test('fails when env sets a tunable that has a typed prop', () => {
    expect(() => podDelete({ env: { PODS_AFFECTED_PERC: '100' } })).toThrow('ChaosDrill api-pod-delete: env.PODS_AFFECTED_PERC: set it through the typed prop instead');
  });

  test('fails when the name is not a DNS label', () => {
    expect(() => podDelete({ name: 'API_pod_delete' })).toThrow('ChaosDrill API_pod_delete: name = "API_pod_delete": must be a DNS label short enough that the result name');
  });

  test('fails when no probe decides the verdict', () => {
    expect(() => podDelete().drill.engineManifest).toThrow('ChaosDrill api-pod-delete: no probe decides the verdict: call expectHealthy(), expectErrorRatioBelow() or expectPrometheus()');
  });

  test('fails when a probe is added twice', () => {
    const { api, drill } = podDelete();
    drill.expectHealthy(api);
    expect(() => drill.expectHealthy(api)).toThrow('ChaosDrill api-pod-delete: probe api-healthy is already defined: probe names must be unique within a drill');
  });

  test('fails when the error ratio is not a ratio', () => {
    const { api, drill } = podDelete();
    expect(() => drill.expectErrorRatioBelow(api, 5, { prometheus: PROMETHEUS })).toThrow('ChaosDrill api-pod-delete: maxRatio = 5: must be a ratio from 0 to below 1, e.g. 0.05');
  });
});

import { architectureRule, crdRule, formatViolation, namespaceRule, projectRule, quotaRule, referenceRule, schedulingRule, type PlanViolation } from '../../lib/plan';
import { app, CONTEXT, crd, deployment, KARPENTER, namespace, nodePool, OPEN_PROJECT, plan, project, REPO, SYSTEM_PLACEMENT } from './plan-fixtures';

const lines = (vs: PlanViolation[]) => vs.map(formatViolation);

describe('project rule', () => {
  const restricted = project('platform', {
    sourceRepos: [REPO],
    destinations: [{ server: 'https://kubernetes.default.svc', namespace: 'apps' }],
    clusterResourceWhitelist: [{ group: '', kind: 'Namespace' }],
    namespaceResourceBlacklist: [{ group: 'argoproj.io', kind: 'Application' }],
  });

  test('passes when the project permits repository, destination and kinds', () => {
    const p = plan([app('web', 0, [namespace('apps'), deployment('web', 'apps')])], [restricted]);
    expect(projectRule(p, CONTEXT)).toEqual([]);
  });

  test('fails when an object lands in a namespace the project does not permit', () => {
    const p = plan([app('dns', 0, [{ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'dns', namespace: 'kube-system' } }])], [restricted]);
    expect(lines(projectRule(p, CONTEXT))).toEqual(['[project] dns: Role kube-system/dns: AppProject platform does not permit namespace kube-system (destinations)']);
  });

  test('fails when a cluster-scoped kind is not whitelisted', () => {
    const p = plan([app('cr', 0, [{ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'reader' } }])], [restricted]);
    expect(lines(projectRule(p, CONTEXT))).toEqual(['[project] cr: ClusterRole reader: AppProject platform does not permit cluster-scoped kind rbac.authorization.k8s.io/ClusterRole (clusterResourceWhitelist)']);
  });

  test('fails when a namespaced kind is blacklisted', () => {
    const child = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name: 'sneaky', namespace: 'apps' } };
    const p = plan([app('apps', 0, [child])], [restricted]);
    expect(lines(projectRule(p, CONTEXT))).toContain('[project] apps: Application apps/sneaky: AppProject platform does not permit namespaced kind argoproj.io/Application');
  });

  test('fails when a source repository is not permitted', () => {
    const p = plan([app('chart', 0, [], { repoURLs: ['https://charts.example.com'] })], [restricted]);
    expect(lines(projectRule(p, CONTEXT))).toEqual(['[project] chart: AppProject platform does not permit source repository https://charts.example.com (sourceRepos)']);
  });

  test('fails when the project is not defined', () => {
    const p = plan([app('web', 0, [], { project: 'missing' })]);
    expect(lines(projectRule(p, CONTEXT))).toEqual(["[project] web: AppProject missing is not defined by the root Application's folder"]);
  });
});

describe('CRD order rule', () => {
  const monitor = { apiVersion: 'monitoring.coreos.com/v1', kind: 'ServiceMonitor', metadata: { name: 'keda', namespace: 'keda' } };

  test('passes when the CRD comes from an earlier wave or the same Application', () => {
    const earlier = plan([app('crds', -2, [crd('monitoring.coreos.com', 'ServiceMonitor')]), app('keda', -1, [monitor])]);
    const same = plan([app('keda', -1, [monitor, crd('monitoring.coreos.com', 'ServiceMonitor')])]);
    expect(crdRule(earlier, CONTEXT)).toEqual([]);
    expect(crdRule(same, CONTEXT)).toEqual([]);
  });

  test('fails when the CRD comes in a later wave', () => {
    const p = plan([app('keda', -6, [monitor]), app('prometheus', -1, [crd('monitoring.coreos.com', 'ServiceMonitor')])]);
    expect(lines(crdRule(p, CONTEXT))).toEqual([
      '[crd-order] keda: ServiceMonitor keda/keda: applied in wave -6, but the CRD of monitoring.coreos.com/ServiceMonitor comes from prometheus (wave -1): move the CRD to an earlier wave',
    ]);
  });

  test('fails when the CRD comes in the same wave from another Application', () => {
    const p = plan([app('opencost', -1, [monitor]), app('prometheus', -1, [crd('monitoring.coreos.com', 'ServiceMonitor')])]);
    expect(lines(crdRule(p, CONTEXT))).toHaveLength(1);
  });

  test('fails when nothing installs the CRD', () => {
    const p = plan([app('keda', 0, [monitor])]);
    expect(lines(crdRule(p, CONTEXT))).toEqual(['[crd-order] keda: ServiceMonitor keda/keda: no Application installs the CRD of monitoring.coreos.com/ServiceMonitor']);
  });
});

describe('namespace order rule', () => {
  test('passes for pre-existing namespaces, CreateNamespace and earlier Namespace objects', () => {
    const p = plan([
      app('base', -10, [namespace('apps')]),
      app('web', 0, [deployment('web', 'apps')]),
      app('sys', 0, [deployment('dns', 'kube-system')]),
      app('own', 0, [deployment('x', 'own')], { destinationNamespace: 'own', syncOptions: ['CreateNamespace=true'] }),
    ]);
    expect(namespaceRule(p, CONTEXT)).toEqual([]);
  });

  test('fails when the namespace is created in a later wave', () => {
    const p = plan([app('web', -5, [deployment('web', 'apps')]), app('base', 0, [namespace('apps')])]);
    expect(lines(namespaceRule(p, CONTEXT))).toEqual(['[namespace-order] web: Deployment apps/web: namespace apps does not exist yet in wave -5: it is created by base (wave 0)']);
  });

  test('fails when nothing creates the namespace', () => {
    const p = plan([app('web', 0, [deployment('web', 'nowhere')])]);
    expect(lines(namespaceRule(p, CONTEXT))).toEqual(['[namespace-order] web: Deployment nowhere/web: namespace nowhere does not exist yet in wave 0: nothing creates it']);
  });
});

describe('scheduling rule', () => {
  const spot = nodePool('spot', [{ key: 'karpenter.sh/capacity-type', operator: 'In', values: ['spot'] }], [{ key: 'spot', value: 'true', effect: 'NoSchedule' }]);
  const onDemand = nodePool('on-demand', [{ key: 'karpenter.sh/capacity-type', operator: 'In', values: ['on-demand'] }]);
  const karpenter = app('karpenter', -2, [deployment('karpenter', 'karpenter', SYSTEM_PLACEMENT)], { chart: KARPENTER });
  const capacity = app('capacity', -1, [spot, onDemand]);

  test('passes when early controllers fit the system nodes and later pods fit a NodePool', () => {
    const p = plan([karpenter, capacity, app('keda', -3, [deployment('keda', 'keda', SYSTEM_PLACEMENT)]), app('web', 0, [deployment('web', 'apps')])]);
    expect(schedulingRule(p, CONTEXT)).toEqual([]);
  });

  test('fails when a controller synced before Karpenter does not tolerate the system taint', () => {
    const p = plan([karpenter, capacity, app('keda', -3, [deployment('keda', 'keda')])]);
    expect(lines(schedulingRule(p, CONTEXT))).toEqual([
      '[scheduling] keda: Deployment keda/keda: runs before Karpenter can add nodes (wave -3 < 0) but cannot run on the system node group test-system: does not tolerate taint CriticalAddonsOnly=true:NoSchedule',
    ]);
  });

  test('fails when Karpenter itself cannot run on the system nodes', () => {
    const p = plan([app('karpenter', -2, [deployment('karpenter', 'karpenter')], { chart: KARPENTER }), capacity]);
    expect(lines(schedulingRule(p, CONTEXT))[0]).toMatch(/^\[scheduling\] karpenter: Deployment karpenter\/karpenter: runs before Karpenter can add nodes/);
  });

  test('fails when a later pod fits no NodePool', () => {
    const pod = { nodeSelector: { 'karpenter.sh/capacity-type': 'reserved' } };
    const p = plan([karpenter, capacity, app('web', 0, [deployment('web', 'apps', pod)])]);
    expect(lines(schedulingRule(p, CONTEXT))).toEqual([
      '[scheduling] web: Deployment apps/web: fits no NodePool (NodePool on-demand: nodeSelector karpenter.sh/capacity-type=reserved matches no node (NodePool on-demand: karpenter.sh/capacity-type in on-demand); NodePool spot: does not tolerate taint spot=true:NoSchedule)',
    ]);
  });
});

describe('architecture rule', () => {
  const amd64Only = { ...CONTEXT, amd64OnlyImages: ['registry.example.com/legacy'] };
  const legacy = (pod: Record<string, unknown> = {}) => deployment('legacy', 'apps', { containers: [{ name: 'main', image: 'registry.example.com/legacy:1.0', resources: {} }], ...pod });
  const bothArchitectures = nodePool('general', [{ key: 'kubernetes.io/arch', operator: 'In', values: ['amd64', 'arm64'] }]);

  test('passes when an amd64-only image is pinned to amd64', () => {
    const p = plan([app('capacity', -1, [bothArchitectures]), app('web', 0, [legacy({ nodeSelector: { 'kubernetes.io/arch': 'amd64' } })])]);
    expect(architectureRule(p, amd64Only)).toEqual([]);
  });

  test('fails when an amd64-only image may land on arm64 nodes of a NodePool', () => {
    const p = plan([app('capacity', -1, [bothArchitectures]), app('web', 0, [legacy()])]);
    expect(lines(architectureRule(p, amd64Only))).toEqual([
      '[architecture] web: Deployment apps/legacy: runs registry.example.com/legacy:1.0, an amd64-only image, but is not pinned to amd64 (kubernetes.io/arch) and NodePool general may launch arm64 for it',
    ]);
  });

  test('fails when an amd64-only image fits the arm64 system node group', () => {
    const p = plan([app('early', 0, [legacy({ ...SYSTEM_PLACEMENT })])]);
    expect(lines(architectureRule(p, amd64Only))).toEqual([
      '[architecture] early: Deployment apps/legacy: runs registry.example.com/legacy:1.0, an amd64-only image, but fits the system node group test-system, whose nodes are arm64',
    ]);
  });
});

describe('reference rule', () => {
  const secretEnv = { containers: [{ name: 'main', env: [{ name: 'PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } }], resources: {} }] };

  test('passes when the Secret comes from an earlier wave or an ExternalSecret in the same wave', () => {
    const external = { apiVersion: 'external-secrets.io/v1', kind: 'ExternalSecret', metadata: { name: 'db', namespace: 'apps' }, spec: {} };
    const eso = app('external-secrets', -6, [], { chart: { name: 'external-secrets', repository: 'x', version: '1' } });
    const p = plan([eso, app('web', 0, [deployment('web', 'apps', secretEnv), external])]);
    expect(referenceRule(p, CONTEXT)).toEqual([]);
  });

  test('fails when a referenced Secret comes in a later wave', () => {
    const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db', namespace: 'apps' } };
    const p = plan([app('web', -1, [deployment('web', 'apps', secretEnv)]), app('secrets', 0, [secret])]);
    expect(lines(referenceRule(p, CONTEXT))).toEqual(['[references] web: Deployment apps/web: container main env PASSWORD needs Secret apps/db, which comes later: secrets (wave 0)']);
  });

  test('fails when a StorageClass is missing', () => {
    const pvc = { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', namespace: 'apps' }, spec: { storageClassName: 'gp3' } };
    const p = plan([app('web', 0, [pvc])]);
    expect(lines(referenceRule(p, CONTEXT))).toEqual(['[references] web: PersistentVolumeClaim apps/data: storageClassName needs StorageClass gp3, which nothing applies']);
  });

  test('fails when the controller serving a kind is installed later', () => {
    const rollout = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', metadata: { name: 'api', namespace: 'apps' }, spec: {} };
    const p = plan([app('web', 0, [rollout]), app('rollouts', 5, [], { chart: { name: 'argo-rollouts', repository: 'x', version: '1' } })]);
    expect(lines(referenceRule(p, CONTEXT))).toEqual(['[references] web: Rollout apps/api: needs the argo-rollouts controller (serves argoproj.io/Rollout), installed later: rollouts (wave 5)']);
  });

  test('fails when no controller serves an ingress class', () => {
    const cls = { apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: { name: 'alb' }, spec: { controller: 'ingress.k8s.aws/alb' } };
    const ingress = { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'web', namespace: 'apps' }, spec: { ingressClassName: 'alb' } };
    const p = plan([app('classes', -1, [cls]), app('web', 0, [ingress])]);
    expect(lines(referenceRule(p, CONTEXT))).toEqual(['[references] web: Ingress apps/web: needs the aws-load-balancer-controller controller (serves ingress class controller ingress.k8s.aws/alb), which no Application installs']);
  });
});

describe('quota rule', () => {
  const quota = (hard: Record<string, string>) => ({ apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'compute', namespace: 'apps' }, spec: { hard } });
  const hpa = { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'web', namespace: 'apps' }, spec: { scaleTargetRef: { kind: 'Deployment', name: 'web' }, maxReplicas: 10 } };

  test('passes when the quota covers maximum scale plus a surge', () => {
    // 10 replicas × 500m + surge of 3 (25 % of 10, rounded up) × 500m = 6.5 cores
    const p = plan([app('web', 0, [quota({ 'requests.cpu': '6500m', pods: '13' }), deployment('web', 'apps'), hpa])]);
    expect(quotaRule(p, CONTEXT)).toEqual([]);
  });

  test('fails when the quota is smaller than maximum scale plus a surge', () => {
    const p = plan([app('web', 0, [quota({ 'requests.cpu': '6', pods: '13' }), deployment('web', 'apps'), hpa])]);
    expect(lines(quotaRule(p, CONTEXT))).toEqual([
      '[quota] web: ResourceQuota apps/compute: requests.cpu = 6, but namespace apps needs 6500m at maximum scale plus one rolling-update surge (largest: Deployment apps/web 5)',
    ]);
  });

  test('counts a DaemonSet once per node it fits', () => {
    const ds = { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'agent', namespace: 'apps' }, spec: { template: { spec: { tolerations: [{ operator: 'Exists' }], containers: [{ name: 'a', resources: { requests: { cpu: '100m' }, limits: { cpu: '100m' } } }] } } } };
    const pools = app('capacity', -1, [nodePool('a', []), nodePool('b', [])]);
    // system (4 nodes) + two pools of 10 nodes each = 24 pods
    const p = plan([pools, app('web', 0, [quota({ pods: '23' }), ds])]);
    expect(lines(quotaRule(p, CONTEXT))).toEqual(['[quota] web: ResourceQuota apps/compute: pods = 23, but namespace apps needs 24 at maximum scale plus one rolling-update surge (largest: DaemonSet apps/agent 24)']);
  });

  test('fails when a container has no limit the quota needs and no LimitRange default', () => {
    const bare = deployment('bare', 'apps', { containers: [{ name: 'main', resources: { requests: { memory: '1Gi' } } }] });
    const p = plan([app('web', 0, [quota({ 'limits.memory': '10Gi' }), bare])]);
    expect(lines(quotaRule(p, CONTEXT))).toEqual([
      '[quota] web: Deployment apps/bare: a container has no memory limit and namespace apps has no LimitRange default, so quota compute (limits.memory) rejects its pods',
    ]);
  });

  test('uses LimitRange defaults for missing limits', () => {
    const bare = deployment('bare', 'apps', { containers: [{ name: 'main', resources: {} }] });
    const limits = { apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'defaults', namespace: 'apps' }, spec: { limits: [{ type: 'Container', default: { memory: '2Gi' }, defaultRequest: { memory: '1Gi' } }] } };
    const p = plan([app('web', 0, [quota({ 'limits.memory': '3Gi' }), limits, bare])]);
    // 1 replica × 2Gi + surge of 1 × 2Gi = 4Gi
    expect(lines(quotaRule(p, CONTEXT))[0]).toMatch(/limits.memory = 3Gi, but namespace apps needs 4Gi/);
  });
});

test('the open project used by the other rules permits everything', () => {
  expect(projectRule(plan([app('x', 0, [deployment('a', 'anywhere')])], [OPEN_PROJECT]), CONTEXT)).toEqual([]);
});

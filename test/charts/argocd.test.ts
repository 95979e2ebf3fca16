import { ApiObject, Chart } from 'cdk8s';
import { argocd, ArgoCdChart, FLEET_CLUSTER_LABEL, rootApplication, rootObjects } from '../../charts/argocd';
import { COMPONENTS } from '../../charts/registry';
import { Capabilities as C } from '../../lib/argocd';
import { baseline } from '../../charts/baseline';
import { UPSTREAM } from '../../lib/upstream/pins';
import { env, envWith, findAll, findOne, render, testApp, violationsOf, type K8sObject } from '../util';
import { buildWithArgoCd, fixture, FIXTURE_COMPONENTS } from './argocd-fixtures';

const prod = env('prod');
const { app, chart } = buildWithArgoCd(prod);
const objects = render(chart);
const application = (name: string) => findOne(objects, 'Application', name, 'argocd');
const wave = (o: K8sObject) => Number(o.metadata.annotations!['argocd.argoproj.io/sync-wave']);
const chartObjects = (id: string) => (app.node.findChild(id) as Chart).toJson() as K8sObject[];

describe('ArgoCdChart', () => {
  test('snapshot (prod, fixture components)', () => {
    expect(objects).toMatchSnapshot();
  });

  test('projects platform and workloads, applied before every Application', () => {
    const projects = findAll(objects, 'AppProject');
    expect(projects.map((p) => p.metadata.name).sort()).toEqual(['platform', 'root', 'workloads']);
    const lowestApp = Math.min(...findAll(objects, 'Application').map(wave));
    for (const p of projects) expect(wave(p)).toBeLessThan(lowestApp);
  });

  test('sourceRepos: the gitops repository and the chart repositories in use, OCI without scheme', () => {
    expect(findOne(objects, 'AppProject', 'platform').spec.sourceRepos).toEqual(
      [prod.gitops.repoUrl, 'public.ecr.aws/karpenter', UPSTREAM.keda.chart.repository, UPSTREAM['argo-rollouts'].chart.repository].sort(),
    );
    expect(findOne(objects, 'AppProject', 'workloads').spec.sourceRepos).toEqual([prod.gitops.repoUrl]);
  });

  test('destinations: this cluster and the namespaces each project deploys to', () => {
    const namespaces = (p: string) => findOne(objects, 'AppProject', p).spec.destinations.map((d: { server: string; namespace: string }) => {
      expect(d.server).toBe(prod.gitops.destinationServer);
      return d.namespace;
    });
    expect(namespaces('workloads')).toEqual(['apps', 'data']);
    expect(namespaces('platform')).toEqual(expect.arrayContaining(['karpenter', 'keda', 'kyverno', 'monitoring', 'tools', 'apps', 'kube-system']));
    expect(namespaces('workloads')).not.toContain('kube-system');
  });

  test('cluster-scoped kinds: exactly those the charts of each project render, plus what Helm releases install', () => {
    const whitelist = findOne(objects, 'AppProject', 'platform').spec.clusterResourceWhitelist.map((k: { group: string; kind: string }) => `${k.group}/${k.kind}`);
    expect(whitelist).toEqual(expect.arrayContaining(['/Namespace', 'karpenter.sh/NodePool', 'karpenter.k8s.aws/EC2NodeClass', 'apiextensions.k8s.io/CustomResourceDefinition', 'rbac.authorization.k8s.io/ClusterRole']));
    expect(whitelist).not.toContain('storage.k8s.io/StorageClass');
    expect(findOne(objects, 'AppProject', 'workloads').spec.clusterResourceWhitelist).toEqual([{ group: 'storage.k8s.io', kind: 'StorageClass' }]);
  });

  test('the workloads project may not create Applications or projects', () => {
    const denied = findOne(objects, 'AppProject', 'workloads').spec.namespaceResourceBlacklist.map((k: { kind: string }) => k.kind);
    expect(denied).toEqual(['AppProject', 'Application', 'ApplicationSet']);
  });

  test('root Application syncs dist/<env>/argocd on the gitops branch, and equals rootApplication(env)', () => {
    const root = application('prod-root');
    expect(root.spec.source).toEqual({ repoURL: prod.gitops.repoUrl, targetRevision: prod.gitops.branch, path: 'dist/prod/argocd' });
    // Its own project, which the bootstrap creates first (rootObjects(env).project).
    expect(root.spec.project).toBe('root');
    expect(findAll(objects, 'AppProject').find((p) => p.metadata.name === 'root')).toEqual(rootObjects(prod).project);
    expect(root.spec.destination).toEqual({ server: 'https://kubernetes.default.svc', namespace: 'argocd' });
    expect(rootApplication(prod)).toEqual(root);
  });

  test('one Application per rendered chart folder, named <env>-<chart>, none for charts without objects', () => {
    const directoryApps = findAll(objects, 'Application').filter((a) => a.spec.source && a.metadata.name !== 'prod-root');
    expect(directoryApps.map((a) => a.spec.source.path).sort()).toEqual(['dist/prod/baseline', 'dist/prod/capacity', 'dist/prod/demo-app', 'dist/prod/tools']);
    expect(application('prod-capacity').spec.source.path).toBe('dist/prod/capacity');
    expect(objects.some((o) => o.metadata.name === 'prod-delivery')).toBe(false);
  });

  test('one multi-source Application per Helm release: pinned chart plus $values from the gitops branch', () => {
    const karpenter = application('prod-karpenter');
    expect(karpenter.spec.sources).toEqual([
      {
        repoURL: 'public.ecr.aws/karpenter',
        chart: 'karpenter',
        targetRevision: UPSTREAM.karpenter.chart.version,
        helm: { releaseName: 'karpenter', valueFiles: ['$values/dist/prod/helm-values/karpenter.yaml'] },
      },
      { repoURL: prod.gitops.repoUrl, targetRevision: prod.gitops.branch, ref: 'values' },
    ]);
    expect(karpenter.spec.destination.namespace).toBe('karpenter');
    expect(karpenter.spec.project).toBe('platform');
  });

  test('sync waves derived from what each unit provides and requires (longest path)', () => {
    expect(wave(application('prod-baseline'))).toBe(0);
    expect(wave(application('prod-argo-rollouts'))).toBe(0);
    expect(wave(application('prod-keda'))).toBe(1);
    expect(wave(application('prod-karpenter'))).toBe(1);
    expect(wave(application('prod-capacity'))).toBe(2);
    expect(wave(application('prod-tools'))).toBe(3);
    expect(wave(application('prod-demo-app'))).toBe(4);
  });

  test('projects by namespace: charts entirely in app and data namespaces are workloads', () => {
    expect(application('prod-demo-app').spec.project).toBe('workloads');
    expect(application('prod-baseline').spec.project).toBe('platform');
    expect(application('prod-tools').spec.project).toBe('platform');
  });

  test('ServerSideApply for Helm releases and charts with CRDs only', () => {
    const ssa = (name: string) => application(name).spec.syncPolicy.syncOptions.includes('ServerSideApply=true');
    expect(ssa('prod-keda')).toBe(true);
    expect(ssa('prod-tools')).toBe(true);
    expect(ssa('prod-baseline')).toBe(false);
    expect(ssa('prod-demo-app')).toBe(false);
  });

  test('CreateNamespace only where no chart creates the namespace in an earlier wave', () => {
    const creates = (name: string) => application(name).spec.syncPolicy.syncOptions.includes('CreateNamespace=true');
    expect(creates('prod-tools')).toBe(true);
    expect(creates('prod-keda')).toBe(false);
    expect(creates('prod-baseline')).toBe(false);
    expect(creates('prod-demo-app')).toBe(false);
  });

  test('automated sync with prune, self-heal, prune last and retry everywhere', () => {
    for (const a of findAll(objects, 'Application')) {
      expect(a.spec.syncPolicy.automated).toEqual({ prune: true, selfHeal: true });
      expect(a.spec.syncPolicy.syncOptions).toContain('PruneLast=true');
      expect(a.spec.syncPolicy.retry.limit).toBeGreaterThan(0);
    }
  });

  test('replicas owned by HPA or KEDA are ignored on the owning Application', () => {
    const demo = application('prod-demo-app');
    expect(demo.spec.ignoreDifferences).toEqual([
      { group: 'apps', kind: 'Deployment', name: 'worker', namespace: 'apps', jsonPointers: ['/spec/replicas'] },
      { group: 'argoproj.io', kind: 'Rollout', name: 'web', namespace: 'apps', jsonPointers: ['/spec/replicas'] },
    ]);
    expect(demo.spec.syncPolicy.syncOptions).toContain('RespectIgnoreDifferences=true');
    expect(application('prod-baseline').spec.ignoreDifferences).toBeUndefined();
  });

  test('Namespaces, PVCs and CRDs of every chart are neither pruned nor deleted', () => {
    const protectedObjects = [...chartObjects('baseline'), ...chartObjects('demo-app'), ...chartObjects('tools')].filter((o) =>
      ['Namespace', 'PersistentVolumeClaim', 'CustomResourceDefinition'].includes(o.kind),
    );
    expect(protectedObjects.length).toBeGreaterThan(prod.namespaces.length);
    for (const o of protectedObjects) expect(o.metadata.annotations?.['argocd.argoproj.io/sync-options']).toBe('Prune=false,Delete=false');
    expect(findOne(chartObjects('demo-app'), 'StatefulSet').metadata.annotations).toBeUndefined();
  });

  test('Helm releases do not cascade-delete (their CRDs cannot be annotated); charts do', () => {
    expect(application('prod-keda').metadata).not.toHaveProperty('finalizers');
    expect((application('prod-baseline').metadata as { finalizers?: string[] }).finalizers).toEqual(['resources-finalizer.argocd.argoproj.io']);
    expect(application('prod-root').metadata).not.toHaveProperty('finalizers');
  });

  test('gitops.allowDestructivePrune lifts the protection', () => {
    const built = buildWithArgoCd(envWith('prod', { gitops: { allowDestructivePrune: true } }));
    const ns = findOne((built.app.node.findChild('baseline') as Chart).toJson() as K8sObject[], 'Namespace', 'apps');
    expect(ns.metadata.annotations?.['argocd.argoproj.io/sync-options']).toBeUndefined();
    expect((findOne(render(built.chart), 'Application', 'prod-keda').metadata as { finalizers?: string[] }).finalizers).toEqual(['resources-finalizer.argocd.argoproj.io']);
  });

  describe('fleet mode', () => {
    const fleet = render(buildWithArgoCd(envWith('prod', { gitops: { fleetMode: true } })).chart);

    test('snapshot', () => {
      expect(fleet).toMatchSnapshot();
    });

    test('one ApplicationSet per child, selecting clusters by environment label, names unique per cluster', () => {
      const sets = findAll(fleet, 'ApplicationSet');
      expect(sets.map((s) => s.metadata.name).sort()).toEqual(['prod-argo-rollouts', 'prod-baseline', 'prod-capacity', 'prod-demo-app', 'prod-karpenter', 'prod-keda', 'prod-tools']);
      for (const s of sets) {
        expect(s.spec.generators).toEqual([{ clusters: { selector: { matchLabels: { [FLEET_CLUSTER_LABEL]: 'prod' } } } }]);
        expect(s.spec.template.metadata.name).toMatch(/^\{\{\.nameNormalized\}\}-/);
      }
      expect(findAll(fleet, 'Application').map((a) => a.metadata.name)).toEqual(['prod-root']);
      expect(findOne(fleet, 'AppProject', 'platform').spec.destinations[0].server).toBe('*');
    });
  });

  test('fails when two Applications would share a name', () => {
    const clash = fixture('keda', {}, (c) => new ApiObject(c, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'keda' } }));
    expect(() => buildWithArgoCd(prod, [...FIXTURE_COMPONENTS, clash])).toThrow(
      'argocd: Application name prod-keda is used by both chart keda and Helm release keda of chart delivery: rename one of them',
    );
  });

  test('fails when a chart has no registered component (no sync wave)', () => {
    const app2 = testApp();
    new ApiObject(new Chart(app2, 'stray'), 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'apps' } });
    expect(() => new ArgoCdChart(app2, 'argocd', prod, [])).toThrow('argocd: chart stray has no component in charts/registry.ts, so its place in the sync order is unknown; register it there');
  });

  test('fails when gitops.allowDestructivePrune is not a boolean', () => {
    expect(violationsOf(envWith('prod', { gitops: { allowDestructivePrune: 'yes' } }))).toContain('prod: gitops.allowDestructivePrune = "yes": must be true or false');
  });

  test('the registry builds the Argo CD component last, over every other component', () => {
    expect(COMPONENTS[COMPONENTS.length - 1].name).toBe('argocd');
    expect(argocd([]).requires).toBeUndefined();
  });
});

test('fails when a component requires what nothing provides', () => {
  const lonely = fixture('lonely', { requires: [C.controller('nowhere')] }, (c) => new ApiObject(c, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'apps' } }));
  expect(() => buildWithArgoCd(envWith('prod', {}), [baseline, lonely])).toThrow('sync order: chart lonely requires controller:nowhere, which no component provides');
});

test('fails when requirements form a cycle', () => {
  const a = fixture('a', { requires: [C.config('b')], provides: [C.config('a')] }, (c) => new ApiObject(c, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', namespace: 'apps' } }));
  const b = fixture('b', { requires: [C.config('a')], provides: [C.config('b')] }, (c) => new ApiObject(c, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'b', namespace: 'apps' } }));
  expect(() => buildWithArgoCd(envWith('prod', {}), [a, b])).toThrow('sync order: dependency cycle chart a -> chart b -> chart a');
});

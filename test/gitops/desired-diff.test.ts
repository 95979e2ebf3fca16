import { diffStates, formatMarkdown, formatTerminal, redactPair, risksOf, type ApplicationState, type DiffReport, type EnvironmentState } from '../../lib/gitops';
import type { ManifestObject } from '../../lib/argocd';

const deployment = (image: string, namespace = 'karpenter'): ManifestObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'karpenter', namespace },
  spec: { template: { spec: { containers: [{ name: 'controller', image }] } } },
});
const crd = (version: string): ManifestObject => ({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'nodepools.karpenter.sh' }, spec: { versions: [{ name: version }] } });
const nodePool = (cpu: string): ManifestObject => ({ apiVersion: 'karpenter.sh/v1', kind: 'NodePool', metadata: { name: 'spot' }, spec: { limits: { cpu } } });
const policy = (action: string): ManifestObject => ({ apiVersion: 'policies.kyverno.io/v1', kind: 'ValidatingPolicy', metadata: { name: 'require-labels' }, spec: { validationActions: [action] } });
const namespace = (name: string): ManifestObject => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
const secret = (password: string, user = 'admin'): ManifestObject => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'grafana', namespace: 'monitoring' }, data: { password, user } });

const karpenter = (version: string, objects: ManifestObject[]): ApplicationState => ({ name: 'prod-karpenter', project: 'platform', wave: -1, kind: 'helm', source: `karpenter@${version}`, objects });
const capacity = (objects: ManifestObject[]): ApplicationState => ({ name: 'prod-capacity', project: 'platform', wave: 0, kind: 'directory', source: 'dist/prod/capacity', objects });
const state = (...applications: ApplicationState[]): EnvironmentState => ({ env: 'prod', applications });

describe('diffStates', () => {
  const base = state(karpenter('1.14.1', [deployment('karpenter:1.14.1'), crd('v1')]), capacity([nodePool('100'), namespace('legacy')]));
  const head = state(karpenter('1.15.0', [deployment('karpenter:1.15.0'), crd('v1beta1')]), capacity([nodePool('200'), namespace('apps')]));
  const changes = diffStates('prod', base, head, { production: false, labels: ['gitops', 'head'] });

  test('lists the changed objects of a Helm release after a chart version bump', () => {
    const app = changes.applications.find((a) => a.name === 'prod-karpenter')!;
    expect(app).toMatchObject({ change: 'changed', kind: 'helm', sourceBefore: 'karpenter@1.14.1', sourceAfter: 'karpenter@1.15.0' });
    expect(app.objects.map((o) => [o.change, o.resource])).toEqual([
      ['changed', 'CustomResourceDefinition nodepools.karpenter.sh'],
      ['changed', 'Deployment karpenter/karpenter'],
    ]);
    const diff = app.objects[1].diff;
    expect(diff).toContain('--- gitops: Deployment karpenter/karpenter\n+++ head: Deployment karpenter/karpenter\n');
    expect(diff).toContain('-        - image: karpenter:1.14.1\n+        - image: karpenter:1.15.0\n');
  });

  test('Applications in sync-wave order; counts and risks per environment', () => {
    expect(changes.applications.map((a) => a.name)).toEqual(['prod-karpenter', 'prod-capacity']);
    expect(changes.counts).toEqual({ added: 1, changed: 3, removed: 1 });
    expect(changes.risks).toEqual(['delete', 'crd', 'capacity', 'protected']);
  });

  test('risk tags: deletes, CRDs, capacity limits, protected kinds', () => {
    const objects = changes.applications.flatMap((a) => a.objects);
    const risks = (resource: string) => objects.find((o) => o.resource === resource)!.risks;
    expect(risks('Namespace legacy')).toEqual([{ tag: 'delete' }, { tag: 'protected' }]);
    expect(risks('Namespace apps')).toEqual([{ tag: 'protected' }]);
    expect(risks('CustomResourceDefinition nodepools.karpenter.sh')).toEqual([{ tag: 'crd' }]);
    expect(risks('NodePool spot')).toEqual([{ tag: 'capacity', detail: 'spec.limits: {"cpu":"100"} -> {"cpu":"200"}' }]);
    expect(risks('Deployment karpenter/karpenter')).toEqual([]);
  });

  test('every change in a production environment is tagged prod', () => {
    const prod = diffStates('prod', base, head, { production: true });
    expect(prod.applications.every((a) => a.risks.includes('prod'))).toBe(true);
    expect(prod.applications.flatMap((a) => a.objects).every((o) => o.risks.some((r) => r.tag === 'prod'))).toBe(true);
  });

  test('equal states, and key order, are no change', () => {
    const reordered: ManifestObject = { spec: { limits: { cpu: '100' } }, metadata: { name: 'spot' }, kind: 'NodePool', apiVersion: 'karpenter.sh/v1' };
    expect(diffStates('prod', state(capacity([nodePool('100')])), state(capacity([reordered])), { production: true }).applications).toEqual([]);
  });

  test('a removed Application removes its objects; a new environment adds everything', () => {
    const removed = diffStates('prod', base, state(capacity([nodePool('100'), namespace('legacy')])), { production: false });
    expect(removed.applications).toHaveLength(1);
    expect(removed.applications[0]).toMatchObject({ name: 'prod-karpenter', change: 'removed', risks: ['delete', 'crd'] });
    const added = diffStates('prod', undefined, head, { production: false });
    expect(added.counts).toEqual({ added: 4, changed: 0, removed: 0 });
  });

  test('an object moving between Applications is marked moved, not deleted', () => {
    const moved = diffStates('prod', state(capacity([nodePool('100')])), state(capacity([]), karpenter('1.14.1', [nodePool('100')])), { production: false });
    const objects = moved.applications.flatMap((a) => a.objects);
    expect(objects.map((o) => [o.change, o.movedTo ?? o.movedFrom, o.risks.map((r) => r.tag)])).toEqual([
      ['added', 'prod-capacity', ['capacity']],
      ['removed', 'prod-karpenter', ['capacity']],
    ]);
  });

  test('a source change without object changes is still listed', () => {
    const bumped = diffStates('prod', state(karpenter('1.14.1', [crd('v1')])), state(karpenter('1.14.2', [crd('v1')])), { production: false });
    expect(bumped.applications.map((a) => [a.name, a.objects.length])).toEqual([['prod-karpenter', 0]]);
  });
});

describe('Secrets', () => {
  test('values never appear; the keys whose value changes are marked', () => {
    const changes = diffStates('prod', state(capacity([secret('c2VjcmV0MQ==')])), state(capacity([secret('c2VjcmV0Mg==')])), { production: false });
    const diff = changes.applications[0].objects[0].diff;
    expect(diff).not.toContain('c2VjcmV0');
    expect(diff).toContain('-  password: (redacted)\n+  password: (redacted, changed)\n');
    expect(diff).toContain('   user: (redacted)\n');
  });

  test('redactPair leaves other kinds alone and covers stringData', () => {
    const config: ManifestObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: 'b' } };
    expect(redactPair(config, config)).toEqual([config, config]);
    const [, after] = redactPair(undefined, { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, stringData: { token: 'abc' } });
    expect(after).toMatchObject({ stringData: { token: '(redacted)' } });
  });
});

describe('risksOf', () => {
  test('a Kyverno policy action change is a policy risk with old and new action', () => {
    expect(risksOf('changed', policy('Audit'), policy('Deny'), { production: false })).toEqual([{ tag: 'policy', detail: 'spec.validationActions: ["Audit"] -> ["Deny"]' }]);
  });

  test('a policy change that keeps its action is not', () => {
    const other = { ...policy('Deny'), spec: { validationActions: ['Deny'], validations: [] } };
    expect(risksOf('changed', policy('Deny'), other, { production: false })).toEqual([]);
  });
});

describe('formats', () => {
  const report = (environments: DiffReport['environments']): DiffReport => ({ base: 'gitops (1a2b3c4d5e6f)', head: '9f8e7d6c5b4a', environments });
  const bump = diffStates('prod', state(karpenter('1.14.1', [deployment('karpenter:1.14.1'), crd('v1')])), state(karpenter('1.15.0', [deployment('karpenter:1.15.0'), crd('v1')])), { production: true });
  const dev = diffStates('dev', { env: 'dev', applications: [] }, { env: 'dev', applications: [] }, { production: false });

  test('a no-op says so in one line, in every format', () => {
    const none = report([dev]);
    expect(formatMarkdown(none)).toBe('No changes: 9f8e7d6c5b4a renders exactly what gitops (1a2b3c4d5e6f) holds for dev.\n');
    expect(formatTerminal(none)).toBe('No changes: 9f8e7d6c5b4a renders exactly what gitops (1a2b3c4d5e6f) holds for dev.\n');
  });

  test('markdown: a table of environments, one folded section per Application with objects and diffs', () => {
    const text = formatMarkdown(report([dev, bump]));
    expect(text).toContain('### Argo CD diff: changes in 1 of 2 environments\n');
    expect(text).toContain('| dev | 0 | 0 | 0 | 0 | no changes |\n| **prod** | 1 | 0 | 1 | 0 | ⚠️ prod |\n');
    expect(text).toContain('<details><summary><b>prod-karpenter</b> · helm karpenter@1.14.1 → karpenter@1.15.0 · 0 added, 1 changed, 0 removed · ⚠️ prod</summary>');
    expect(text).toContain('| ~ | `Deployment karpenter/karpenter` |  |');
    expect(text).toContain('```diff\n--- base: Deployment karpenter/karpenter\n');
    expect(text).not.toContain('left out');
  });

  test('markdown stays within the limit: diffs first, then object lists, are left out with a note', () => {
    const many = (image: string) => Array.from({ length: 400 }, (_, i) => ({ ...deployment(`${image}-${'x'.repeat(200)}`), metadata: { name: `app-${i}`, namespace: 'apps' } }));
    const big = diffStates('prod', state(capacity(many('a'))), state(capacity(many('b'))), { production: false });
    const text = formatMarkdown(report([big]));
    expect(text.length).toBeLessThanOrEqual(65_536 - 512);
    expect(text).toMatch(/Left out to fit GitHub's 65,536-character comment limit: \d+ object diffs\. The full report: `npm run diff -- --env <name>`\.\n$/);
    expect(text).toContain('| ~ | `Deployment apps/app-399` |');
    const small = formatMarkdown(report([big]), { maxChars: 2_000, fullReport: 'the job summary' });
    expect(small.length).toBeLessThanOrEqual(2_000);
    expect(small).toContain('_400 objects; list left out for length._');
    expect(small).toContain(': 1 object list. The full report: the job summary.');
  });

  test('terminal: colours only when asked', () => {
    expect(formatTerminal(report([bump]))).not.toContain('\x1b[');
    const coloured = formatTerminal(report([bump]), { color: true });
    expect(coloured).toContain('\x1b[32m+        - image: karpenter:1.15.0\x1b[0m');
    expect(formatTerminal(report([bump])).split('\n').slice(0, 3)).toEqual([
      'prod: 1 Application, 0 added, 1 changed, 0 removed against gitops (1a2b3c4d5e6f) ! prod',
      '  prod-karpenter  helm karpenter@1.14.1 -> karpenter@1.15.0  (wave -1, project platform): 0 added, 1 changed, 0 removed',
      '    ~ Deployment karpenter/karpenter',
    ]);
  });
});

describe('risksOf, other kinds', () => {
  test('a ClusterPolicy failure action change is a policy risk', () => {
    const clusterPolicy = (a: string): ManifestObject => ({ apiVersion: 'kyverno.io/v1', kind: 'ClusterPolicy', metadata: { name: 'p' }, spec: { validationFailureAction: a } });
    expect(risksOf('changed', clusterPolicy('Audit'), clusterPolicy('Enforce'), { production: false })).toEqual([{ tag: 'policy', detail: 'spec.validationFailureAction: "Audit" -> "Enforce"' }]);
  });

  test('a changed PVC is protected; an ordinary Deployment carries no risk outside prod', () => {
    const pvc = (size: string): ManifestObject => ({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', namespace: 'apps' }, spec: { resources: { requests: { storage: size } } } });
    expect(risksOf('changed', pvc('10Gi'), pvc('20Gi'), { production: false })).toEqual([{ tag: 'protected' }]);
    expect(risksOf('changed', deployment('a'), deployment('b'), { production: false })).toEqual([]);
    expect(risksOf('added', undefined, deployment('b'), { production: true })).toEqual([{ tag: 'prod' }]);
  });
});

describe('removing an Application', () => {
  const applicationObject = (name: string, finalizers?: string[]): ManifestObject => ({
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name, namespace: 'argocd', ...(finalizers ? { finalizers } : {}) },
  });
  const root = (...objects: ManifestObject[]): ApplicationState => ({ name: 'prod-root', project: 'default', wave: 0, kind: 'directory', source: 'dist/prod/argocd', objects });
  const removal = (finalizers?: string[]) =>
    diffStates('prod', state(root(applicationObject('prod-karpenter', finalizers)), karpenter('1.14.1', [deployment('a')])), state(root()), { production: false });

  test('with the resources finalizer, Argo CD deletes its objects', () => {
    const changes = removal(['resources-finalizer.argocd.argoproj.io']);
    const app = changes.applications.find((a) => a.name === 'prod-karpenter')!;
    expect(app.risks).toEqual(['delete']);
    expect(app.objects.map((o) => [o.resource, o.orphaned, o.risks])).toEqual([['Deployment karpenter/karpenter', undefined, [{ tag: 'delete' }]]]);
  });

  test('without it, its objects stay in the cluster, unmanaged', () => {
    const changes = removal();
    const app = changes.applications.find((a) => a.name === 'prod-karpenter')!;
    expect(app.risks).toEqual([]);
    expect(app.objects.map((o) => [o.resource, o.orphaned, o.risks])).toEqual([['Deployment karpenter/karpenter', true, []]]);
    expect(formatTerminal({ base: 'gitops', head: 'head', environments: [changes] })).toContain(
      '    - Deployment karpenter/karpenter  ! stays in the cluster (its Application has no resources finalizer)',
    );
  });
});

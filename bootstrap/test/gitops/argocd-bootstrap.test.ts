import { UPSTREAM } from '../../../lib/upstream/pins';
import { ArgoCdBootstrap, type ArgoCdBootstrapProps } from '../../src/gitops/argocd-bootstrap';
import { HelmProvider } from '../../src/providers/helm-provider';
import { KubernetesProvider } from '../../src/providers/kubernetes-provider';
import { only, resources, synthScope } from '../util';

const connection = { host: 'https://api.example', clusterCaCertificateBase64: 'Q0E=', clusterName: 'demo', region: 'eu-west-1' };
const root = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name: 'demo-root', namespace: 'argocd' }, spec: { project: 'root' } };
const rootProject = { apiVersion: 'argoproj.io/v1alpha1', kind: 'AppProject', metadata: { name: 'root', namespace: 'argocd' }, spec: {} };

function bootstrap(props: Partial<ArgoCdBootstrapProps> = {}) {
  return synthScope((scope) => {
    new ArgoCdBootstrap(scope, 'argocd', {
      helmProvider: new HelmProvider(scope, 'helm', { connection }),
      kubernetesProvider: new KubernetesProvider(scope, 'kubernetes', { connection }),
      chart: UPSTREAM['argo-cd'].chart,
      namespace: 'argocd',
      values: { dex: { enabled: false } },
      rootApplication: root,
      rootProject,
      ...props,
    });
  });
}

describe('ArgoCdBootstrap', () => {
  test('installs the pinned argo-cd chart, then the root AppProject, then the root Application', () => {
    const json = bootstrap();
    expect(json).toMatchSnapshot();
    expect(only(json, 'helm_release')).toMatchObject({
      name: 'argocd',
      namespace: 'argocd',
      repository: UPSTREAM['argo-cd'].chart.repository,
      chart: 'argo-cd',
      version: '10.1.1',
    });
    const manifests = resources(json, 'kubernetes_manifest');
    const [projectKey, project] = manifests.find(([, m]) => m.manifest.kind === 'AppProject')!;
    const [, application] = manifests.find(([, m]) => m.manifest.kind === 'Application')!;
    expect(project.manifest).toEqual(rootProject);
    expect(project.depends_on).toEqual([expect.stringMatching(/^helm_release\.argocd_argo-cd/)]);
    expect(application.manifest).toEqual(root);
    expect(application.depends_on).toEqual([`kubernetes_manifest.${projectKey}`]);
  });

  test('fails when the root AppProject is not the one the root Application names', () => {
    expect(() => bootstrap({ rootProject: { ...rootProject, metadata: { name: 'other', namespace: 'argocd' } } })).toThrow(
      'ArgoCdBootstrap argocd: rootProject must be the argoproj.io/v1alpha1 AppProject the root Application names (root)',
    );
  });

  test('fails when the root object is not an Argo CD Application', () => {
    expect(() => bootstrap({ rootApplication: { ...root, kind: 'ApplicationSet' } })).toThrow(
      'ArgoCdBootstrap argocd: rootApplication is argoproj.io/v1alpha1/ApplicationSet: must be an argoproj.io/v1alpha1 Application',
    );
  });

  test('fails when the root Application lives outside the Argo CD namespace', () => {
    expect(() => bootstrap({ rootApplication: { ...root, metadata: { name: 'demo-root', namespace: 'default' } } })).toThrow(
      'ArgoCdBootstrap argocd: rootApplication.metadata.namespace = default: must be argocd, where Argo CD is installed and watches Applications',
    );
  });
});

import { UPSTREAM } from '../../../lib/upstream/pins';
import { ArgoCdBootstrap, type ArgoCdBootstrapProps } from '../../src/gitops/argocd-bootstrap';
import { HelmProvider } from '../../src/providers/helm-provider';
import { KubernetesProvider } from '../../src/providers/kubernetes-provider';
import { only, synthScope } from '../util';

const connection = { host: 'https://api.example', clusterCaCertificateBase64: 'Q0E=', clusterName: 'demo', region: 'eu-west-1' };
const root = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name: 'demo-root', namespace: 'argocd' }, spec: {} };

function bootstrap(props: Partial<ArgoCdBootstrapProps> = {}) {
  return synthScope((scope) => {
    new ArgoCdBootstrap(scope, 'argocd', {
      helmProvider: new HelmProvider(scope, 'helm', { connection }),
      kubernetesProvider: new KubernetesProvider(scope, 'kubernetes', { connection }),
      chart: UPSTREAM['argo-cd'].chart,
      namespace: 'argocd',
      values: { dex: { enabled: false } },
      rootApplication: root,
      ...props,
    });
  });
}

describe('ArgoCdBootstrap', () => {
  test('installs the pinned argo-cd chart, then the root Application', () => {
    const json = bootstrap();
    expect(json).toMatchSnapshot();
    expect(only(json, 'helm_release')).toMatchObject({
      name: 'argocd',
      namespace: 'argocd',
      repository: UPSTREAM['argo-cd'].chart.repository,
      chart: 'argo-cd',
      version: '10.1.1',
    });
    const manifest = only(json, 'kubernetes_manifest');
    expect(manifest.manifest).toEqual(root);
    expect(manifest.depends_on).toEqual([expect.stringMatching(/^helm_release\.argocd_argo-cd/)]);
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

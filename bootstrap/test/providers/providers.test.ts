import { HelmProvider } from '../../src/providers/helm-provider';
import { HelmRelease } from '../../src/providers/helm-release';
import { KubernetesManifest } from '../../src/providers/kubernetes-manifest';
import { KubernetesProvider } from '../../src/providers/kubernetes-provider';
import { escapeTemplate, escapeTemplateDeep } from '../../src/providers/template-escape';
import { only, synthScope } from '../util';

const connection = { host: 'https://api.example', clusterCaCertificateBase64: 'Q0E=', clusterName: 'demo', region: 'eu-west-1', roleArn: 'arn:aws:iam::123456789012:role/demo-admin' };
const application = {
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Application',
  metadata: { name: 'root', namespace: 'argocd' },
  spec: { source: { path: 'dist/demo/argocd' } },
};

describe('Helm and Kubernetes providers', () => {
  const json = synthScope((scope) => {
    const helm = new HelmProvider(scope, 'helm', { connection });
    const kubernetes = new KubernetesProvider(scope, 'kubernetes', { connection });
    const release = new HelmRelease(scope, 'release', {
      provider: helm,
      name: 'argocd',
      namespace: 'argocd',
      repository: 'https://argoproj.github.io/argo-helm',
      chart: 'argo-cd',
      version: '10.1.1',
      values: { a: { b: 1 }, lua: 'x = "${y}"' },
    });
    new KubernetesManifest(scope, 'manifest', { provider: kubernetes, manifest: application, dependsOn: [release] });
  });

  test('render pinned providers that authenticate with a short-lived EKS token for the given role', () => {
    expect(json).toMatchSnapshot();
    const parsed = JSON.parse(json);
    expect(parsed.terraform.required_providers).toEqual({
      helm: { source: 'hashicorp/helm', version: '3.1.1' },
      kubernetes: { source: 'hashicorp/kubernetes', version: '2.38.0' },
    });
    const exec = {
      api_version: 'client.authentication.k8s.io/v1beta1',
      command: 'aws',
      args: ['eks', 'get-token', '--cluster-name', 'demo', '--region', 'eu-west-1', '--role-arn', 'arn:aws:iam::123456789012:role/demo-admin', '--output', 'json'],
    };
    expect(parsed.provider.helm[0].kubernetes).toEqual({ host: 'https://api.example', cluster_ca_certificate: '${base64decode("Q0E=")}', exec });
    expect(parsed.provider.kubernetes[0]).toEqual({ host: 'https://api.example', cluster_ca_certificate: '${base64decode("Q0E=")}', exec: [exec] });
  });

  test('install the release atomically, with values as one escaped document', () => {
    expect(json).toHaveResourceWithProperties(HelmRelease, {
      name: 'argocd',
      chart: 'argo-cd',
      version: '10.1.1',
      atomic: true,
      wait: true,
      values: ['{"a":{"b":1},"lua":"x = \\"$${y}\\""}'],
    });
  });

  test('apply the manifest after the release, as a named field manager', () => {
    const manifest = only(json, 'kubernetes_manifest');
    expect(manifest.manifest).toEqual(application);
    expect(manifest.depends_on).toEqual([expect.stringMatching(/^helm_release\./)]);
    expect(manifest.field_manager).toEqual([{ name: 'eks-platform-bootstrap', force_conflicts: true }]);
  });

  test('fails when the release name breaks the Helm rule', () => {
    expect(() =>
      synthScope((scope) => {
        const helm = new HelmProvider(scope, 'helm', { connection });
        new HelmRelease(scope, 'r', { provider: helm, name: 'Argo_CD', namespace: 'a', repository: 'r', chart: 'c', version: '1.0.0', values: {} });
      }),
    ).toThrow('HelmRelease r: name = Argo_CD: must be a DNS label of at most 53 characters (Helm rule)');
  });

  test('fails when the chart version is a range', () => {
    expect(() =>
      synthScope((scope) => {
        const helm = new HelmProvider(scope, 'helm', { connection });
        new HelmRelease(scope, 'r', { provider: helm, name: 'argocd', namespace: 'a', repository: 'r', chart: 'c', version: '^10', values: {} });
      }),
    ).toThrow('HelmRelease r: version = ^10: must be an exact chart version such as 1.2.3 (no ranges)');
  });

  test('fails when the manifest has no name', () => {
    expect(() =>
      synthScope((scope) => {
        const kubernetes = new KubernetesProvider(scope, 'kubernetes', { connection });
        new KubernetesManifest(scope, 'm', { provider: kubernetes, manifest: { ...application, metadata: { name: '' } } });
      }),
    ).toThrow('KubernetesManifest m: manifest.metadata.name is empty: every object needs an explicit name');
  });
});

describe('escapeTemplate', () => {
  test('escapes Terraform interpolation and directives but keeps reference markers', () => {
    expect(escapeTemplate('a ${b} %{c} ${TfToken[TOKEN.1]}')).toBe('a $${b} %%{c} ${TfToken[TOKEN.1]}');
    expect(escapeTemplateDeep({ '${k}': ['${v}', 1, true, null] })).toEqual({ '$${k}': ['$${v}', 1, true, null] });
  });
});

import { renderEnvironment } from '../../charts/platform';
import type { EnvironmentConfig } from '../../environments';
import { parse } from 'yaml';
import { envWith, violationsOf } from '../util';

describe('tenancy rules', () => {
  test.each([
    ['a registry is written as a URL', 'prod', { tenancy: { additionalTrustedRegistries: ['https://registry.example.com/'] } },
      'prod: tenancy.additionalTrustedRegistries[0] = "https://registry.example.com/": must be a registry host without scheme or path, e.g. public.ecr.aws'],
    ["a trusted registry is another account's ECR registry", 'prod', { tenancy: { additionalTrustedRegistries: ['111111111111.dkr.ecr.eu-west-1.amazonaws.com'] } },
      'prod: tenancy.additionalTrustedRegistries[0] = "111111111111.dkr.ecr.eu-west-1.amazonaws.com": must not be another account\'s ECR registry: nodes of account 333333333333 cannot pull from it; images come from 333333333333.dkr.ecr.eu-west-1.amazonaws.com, where the bootstrap creates the repositories'],
    ['there is no tenant namespace', 'staging', { tenancy: { namespaces: [] } }, 'staging: tenancy.namespaces = []: must list at least 1 item'],
    ['a tenant namespace is a platform namespace', 'dev', { tenancy: { namespaces: ['apps', 'keda'] } },
      "dev: tenancy.namespaces[1] = \"keda\": must name a configured namespace of tier 'apps' or 'data' (tenant workloads get restricted Pod Security and default-deny there)"],
    ['a tenant namespace is not configured', 'dev', { tenancy: { namespaces: ['apps', 'shop'] } }, "dev: tenancy.namespaces[1] = \"shop\": must name a configured namespace of tier 'apps' or 'data'"],
    ['a tenant namespace is listed twice', 'prod', { tenancy: { namespaces: ['apps', 'data', 'apps'] } }, 'prod: tenancy.namespaces[2] = "apps": duplicate tenant namespace'],
    ['the demo app runs outside the tenant namespaces', 'prod', { tenancy: { namespaces: ['data'] } },
      'prod: demoApp.appNamespace = "apps": must be a tenant namespace (tenancy.namespaces: data): the Argo CD workloads project deploys there and the policies govern it'],
  ])('fails when %s', (_what, name, overrides, expected) => {
    expect(violationsOf(envWith(name, overrides)).some((v) => v.startsWith(expected))).toBe(true);
  });
});

describe('the platform without the demo app', () => {
  // Every read of the demo app's section throws: nothing of the platform may depend on it.
  const untouchable = new Proxy({}, { get: (_t, key) => { throw new Error(`the platform read demoApp.${String(key)}`); } });
  const withoutDemo = (name: string): EnvironmentConfig => ({ ...envWith(name, { components: { demoApp: false, chaos: false } }), demoApp: untouchable as EnvironmentConfig['demoApp'] });
  const foldersOf = (files: readonly { path: string }[]) => [...new Set(files.map((f) => f.path.split('/')[0]))].sort();

  test.each(['dev', 'staging', 'prod'])('%s: every platform folder is rendered, the demo app reads nothing', (name) => {
    const full = foldersOf(renderEnvironment(envWith(name, { components: { chaos: false } })));
    expect(full).toEqual(expect.arrayContaining(['argocd', 'baseline', 'capacity', 'delivery', 'demo-app', 'governance', 'helm-values', 'monitoring']));
    expect(foldersOf(renderEnvironment(withoutDemo(name)))).toEqual(full.filter((f) => f !== 'demo-app'));
  });

  test('the guard is real: with the demo app on, its section is read', () => {
    expect(() => renderEnvironment({ ...withoutDemo('dev'), components: { ...withoutDemo('dev').components, demoApp: true } })).toThrow('the platform read demoApp.');
  });

  test('the Argo CD workloads project still deploys to the tenant namespaces', () => {
    const files = renderEnvironment(withoutDemo('prod'));
    const project = parse(files.find((f) => f.path === 'argocd/AppProject.argocd.workloads.yaml')!.content);
    expect(project.spec.destinations.map((d: { namespace: string }) => d.namespace)).toEqual(['apps', 'data']);
    const policy = parse(files.find((f) => f.path.startsWith('governance/ValidatingPolicy.') && f.path.endsWith('restrict-image-registries.yaml'))!.content);
    expect(JSON.stringify(policy.spec)).toContain('333333333333.dkr.ecr.eu-west-1.amazonaws.com');
  });

  test('the configuration of an environment without the demo app is valid', () => {
    expect(violationsOf(envWith('staging', { components: { demoApp: false, chaos: false } }))).toEqual([]);
  });
});

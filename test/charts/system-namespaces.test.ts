import { PlatformNamespace, SYSTEM_NAMESPACE_RULE, SYSTEM_NAMESPACES } from '../../lib/baseline';
import { committedViolations } from '../support/built-platform';
import { env, envWith, platformViolations, testChart, violationsOf } from '../util';

const withNamespaces = (name: string, change: (ns: ReturnType<typeof env>['namespaces'][number]) => object | undefined, extra: object[] = []) => {
  const namespaces = env(name).namespaces.map((n) => change(n) ?? n);
  return envWith(name, { namespaces: [...namespaces, ...extra] });
};

describe('system namespaces', () => {
  test.each(SYSTEM_NAMESPACES)('fails when %s is given a tenant quota, LimitRange and Pod Security level', (name) => {
    const config = withNamespaces('prod', () => undefined, [{ name, tier: 'platform', quotaCpu: 4, quotaMemoryGiB: 8, quotaPods: 20 }]);
    const index = config.namespaces.length - 1;
    expect(violationsOf(config)).toEqual([`prod: namespaces[${index}].name = "${name}": ${SYSTEM_NAMESPACE_RULE}`]);
  });

  test('fails when the construct is asked for a system namespace', () => {
    expect(() => new PlatformNamespace(testChart(), 'ks', { name: 'kube-system', podSecurity: 'baseline', podSecurityVersion: '1.33', quotaCpu: 1, quotaMemoryGiB: 1, quotaPods: 1 })).toThrow(
      `PlatformNamespace kube-system: name = kube-system: ${SYSTEM_NAMESPACE_RULE}`,
    );
  });
});

describe('controller namespaces', () => {
  test('the committed environments give every controller a namespace that admits it', () => {
    for (const name of ['dev', 'staging', 'prod']) expect(committedViolations(name)).toEqual([]);
  });

  test('fails when the monitoring namespace enforces a level that rejects node-exporter', () => {
    const config = withNamespaces('prod', (n) => (n.name === 'monitoring' ? { ...n, tier: 'platform' } : undefined));
    const index = config.namespaces.findIndex((n) => n.name === 'monitoring');
    expect(platformViolations(config)).toEqual(
      expect.arrayContaining([
        `prod: namespaces[${index}].tier = "platform": must be one of 'monitoring', 'chaos', 'security': Helm release kube-prometheus-stack runs in monitoring and needs Pod Security privileged (node-exporter uses the host network, PID namespace and paths), but tier 'platform' enforces baseline`,
      ]),
    );
  });

  test('fails when a platform controller namespace is given a tenant tier', () => {
    const config = withNamespaces('prod', (n) => (n.name === 'karpenter' ? { ...n, tier: 'apps' } : undefined));
    expect(platformViolations(config)).toEqual([
      "prod: namespaces[0].tier = \"apps\": must be one of 'platform', 'monitoring', 'chaos', 'security': Helm release karpenter runs in karpenter and needs Pod Security baseline, but tier 'apps' enforces restricted",
    ]);
  });

  test('fails when the Argo CD namespace the bootstrap installs into is given a tenant tier', () => {
    const config = withNamespaces('prod', () => undefined, [{ name: 'argocd', tier: 'apps', quotaCpu: 4, quotaMemoryGiB: 8, quotaPods: 20 }]);
    expect(platformViolations(config)).toEqual([
      `prod: namespaces[${config.namespaces.length - 1}].tier = "apps": must be one of 'platform', 'monitoring', 'chaos', 'security': Helm release argo-cd (installed by the bootstrap) runs in argocd and needs Pod Security baseline, but tier 'apps' enforces restricted`,
    ]);
  });
});

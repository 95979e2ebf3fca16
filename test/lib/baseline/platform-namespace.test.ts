import { PlatformNamespace } from '../../../lib/baseline';
import { findAll, findOne, render, testChart } from '../../util';

const props = { name: 'apps', podSecurity: 'restricted', podSecurityVersion: '1.33', quotaCpu: 8, quotaMemoryGiB: 16, quotaPods: 50 } as const;

describe('PlatformNamespace', () => {
  test('renders namespace, quota, limit range and default-deny with DNS egress', () => {
    const chart = testChart();
    new PlatformNamespace(chart, 'apps', props);
    const objects = render(chart);
    expect(objects).toMatchSnapshot();

    const ns = findOne(objects, 'Namespace', 'apps');
    expect(ns.metadata.labels).toMatchObject({
      'pod-security.kubernetes.io/enforce': 'restricted',
      'pod-security.kubernetes.io/enforce-version': 'v1.33',
    });
    const quota = findOne(objects, 'ResourceQuota', 'compute');
    expect(quota.spec.hard).toEqual({ 'requests.cpu': '8', 'requests.memory': '16Gi', 'limits.cpu': '16', 'limits.memory': '32Gi', pods: '50' });
    expect(findOne(objects, 'LimitRange').spec.limits[0].default).toEqual({ cpu: '500m', memory: '512Mi' });
    expect(findOne(objects, 'NetworkPolicy', 'default-deny').spec).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    const dns = findOne(objects, 'NetworkPolicy', 'allow-dns-egress').spec.egress[0];
    expect(dns.ports).toEqual([{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }]);
  });

  test('defaultDeny: false renders no network policies', () => {
    const chart = testChart();
    new PlatformNamespace(chart, 'karpenter', { ...props, name: 'karpenter', podSecurity: 'baseline', defaultDeny: false });
    expect(findAll(render(chart), 'NetworkPolicy')).toHaveLength(0);
  });

  test('allowFrom opens ingress here and egress in a default-deny source', () => {
    const chart = testChart();
    const apps = new PlatformNamespace(chart, 'apps', props);
    const data = new PlatformNamespace(chart, 'data', { ...props, name: 'data' });
    data.allowFrom(apps);
    const objects = render(chart);
    const ingress = findOne(objects, 'NetworkPolicy', 'allow-from-apps', 'data');
    expect(ingress.spec.ingress[0].from[0].namespaceSelector.matchLabels).toEqual({ 'kubernetes.io/metadata.name': 'apps' });
    const egress = findOne(objects, 'NetworkPolicy', 'allow-to-data', 'apps');
    expect(egress.spec.egress[0].to[0].namespaceSelector.matchLabels).toEqual({ 'kubernetes.io/metadata.name': 'data' });
  });

  test('fails when a quota is not positive', () => {
    expect(() => new PlatformNamespace(testChart(), 'x', { ...props, quotaCpu: 0 })).toThrow('PlatformNamespace apps: quotaCpu = 0: must be positive');
  });

  test('fails when podSecurityVersion is not a minor version', () => {
    expect(() => new PlatformNamespace(testChart(), 'x', { ...props, podSecurityVersion: 'latest' })).toThrow(
      'PlatformNamespace apps: podSecurityVersion = latest: must be a minor version such as 1.33',
    );
  });
});

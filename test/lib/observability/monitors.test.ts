import { PodMetricsMonitor, ServiceMetricsMonitor } from '../../../lib/observability';
import { findOne, render, testChart } from '../../util';

const base = { name: 'karpenter', namespace: 'monitoring', targetNamespace: 'karpenter', matchLabels: { 'app.kubernetes.io/name': 'karpenter' }, port: 'http-metrics' };

describe('ServiceMetricsMonitor', () => {
  test('selects services by label in the target namespace, with defaults', () => {
    const chart = testChart();
    const monitor = new ServiceMetricsMonitor(chart, 'karpenter', base);
    const objects = render(chart);
    expect(objects).toMatchSnapshot();
    const spec = findOne(objects, 'ServiceMonitor', 'karpenter', 'monitoring').spec;
    expect(spec.namespaceSelector).toEqual({ matchNames: ['karpenter'] });
    expect(spec.selector).toEqual({ matchLabels: { 'app.kubernetes.io/name': 'karpenter' } });
    expect(spec.endpoints).toEqual([{ port: 'http-metrics', path: '/metrics', interval: '30s', honorLabels: false }]);
    expect(monitor.endpoint.interval).toBe('30s');
  });

  test('honorLabels keeps the exporter\'s namespace label', () => {
    const chart = testChart();
    new ServiceMetricsMonitor(chart, 'keda', { ...base, name: 'keda-operator', port: 'metrics', honorLabels: true, interval: '1m' });
    expect(findOne(render(chart), 'ServiceMonitor').spec.endpoints[0]).toMatchObject({ honorLabels: true, interval: '1m' });
  });

  test('fails when matchLabels is empty', () => {
    expect(() => new ServiceMetricsMonitor(testChart(), 'x', { ...base, matchLabels: {} })).toThrow(
      'ServiceMetricsMonitor karpenter: matchLabels = {}: must select targets by at least one label (an empty selector scrapes every target)',
    );
  });

  test('fails when port is not a port name', () => {
    expect(() => new ServiceMetricsMonitor(testChart(), 'x', { ...base, port: '8080/TCP' })).toThrow(
      'ServiceMetricsMonitor karpenter: port = "8080/TCP": must be a port name (at most 15 lower-case letters, digits and -)',
    );
  });

  test('fails when interval is not a Prometheus duration', () => {
    expect(() => new ServiceMetricsMonitor(testChart(), 'x', { ...base, interval: '30 seconds' })).toThrow(
      'ServiceMetricsMonitor karpenter: interval = "30 seconds": must be a Prometheus duration such as 30s, 5m, 1h or 15d',
    );
  });

  test('fails when path does not start with /', () => {
    expect(() => new ServiceMetricsMonitor(testChart(), 'x', { ...base, path: 'metrics' })).toThrow('ServiceMetricsMonitor karpenter: path = "metrics": must start with /');
  });

  test('fails when name is not a DNS subdomain', () => {
    expect(() => new ServiceMetricsMonitor(testChart(), 'x', { ...base, name: 'Karpenter_Monitor' })).toThrow(
      'ServiceMetricsMonitor Karpenter_Monitor: name = "Karpenter_Monitor": must be a DNS subdomain (lower-case letters, digits, - and .)',
    );
  });
});

describe('PodMetricsMonitor', () => {
  const apps = { name: 'applications', namespace: 'monitoring', targetNamespace: 'apps', matchLabels: { 'platform.example.com/scrape': 'true' }, port: 'metrics' };

  test('copies pod labels onto samples through relabelings, in a stable order', () => {
    const chart = testChart();
    new PodMetricsMonitor(chart, 'apps', {
      ...apps,
      podLabelsAsTargetLabels: { 'platform.example.com/rollout-role': 'rollout_role', 'app.kubernetes.io/name': 'workload' },
    });
    const objects = render(chart);
    expect(objects).toMatchSnapshot();
    const endpoint = findOne(objects, 'PodMonitor', 'applications').spec.podMetricsEndpoints[0];
    expect(endpoint.relabelings).toEqual([
      { action: 'replace', sourceLabels: ['__meta_kubernetes_pod_label_app_kubernetes_io_name'], targetLabel: 'workload' },
      { action: 'replace', sourceLabels: ['__meta_kubernetes_pod_label_platform_example_com_rollout_role'], targetLabel: 'rollout_role' },
    ]);
  });

  test('no relabelings when no pod label is copied', () => {
    const chart = testChart();
    new PodMetricsMonitor(chart, 'apps', apps);
    expect(findOne(render(chart), 'PodMonitor').spec.podMetricsEndpoints[0].relabelings).toBeUndefined();
  });

  test('fails when a target label is not a Prometheus label name', () => {
    expect(() => new PodMetricsMonitor(testChart(), 'x', { ...apps, podLabelsAsTargetLabels: { 'app.kubernetes.io/name': 'app-name' } })).toThrow(
      'PodMetricsMonitor applications: podLabelsAsTargetLabels["app.kubernetes.io/name"] = "app-name": must be a Prometheus label name ([a-zA-Z_][a-zA-Z0-9_]*)',
    );
  });
});

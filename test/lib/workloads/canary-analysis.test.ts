import { Duration } from 'cdk8s';
import { CanaryAnalysis, type CanaryAnalysisProps } from '../../../lib/workloads';
import { findOne, render } from '../../util';
import { measurementPhase } from './analysis-measurement';
import { ownedChart, PROMETHEUS } from './fixtures';

const props: CanaryAnalysisProps = { rolloutName: 'api', namespace: 'apps', prometheusAddress: PROMETHEUS };

function metrics(extra: Partial<CanaryAnalysisProps> = {}): Record<string, any> {
  const chart = ownedChart();
  new CanaryAnalysis(chart, 'a', { ...props, ...extra });
  const template = findOne(render(chart), 'AnalysisTemplate', 'api-canary');
  return Object.fromEntries(template.spec.metrics.map((m: any) => [m.name, m]));
}

describe('CanaryAnalysis', () => {
  test('measures only canary samples and aborts after the failure limit', () => {
    const chart = ownedChart();
    new CanaryAnalysis(chart, 'a', { ...props, minSuccessRate: 0.95, maxLatencyP99: Duration.millis(250), failureLimit: 3, interval: Duration.seconds(30) });
    const template = findOne(render(chart), 'AnalysisTemplate', 'api-canary');
    expect(template).toMatchSnapshot();
    const [success, latency] = template.spec.metrics;
    expect(template.spec.metrics.map((m: any) => m.name)).toEqual(['success-rate', 'latency-p99']);
    expect(success.successCondition).toBe('len(result) > 0 && !isNaN(result[0]) && result[0] >= 0.95');
    expect(success.failureCondition).toBe('len(result) > 0 && !isNaN(result[0]) && result[0] < 0.95');
    expect(success.failureLimit).toBe(3);
    expect(success.inconclusiveLimit).toBe(0);
    expect(success.interval).toBe('30s');
    expect(success.initialDelay).toBe('2m');
    expect(success.provider.prometheus.address).toBe(PROMETHEUS);
    expect(success.provider.prometheus.query).toContain('workload="api",rollout_role="canary",status!~"5.."');
    expect(success.provider.prometheus.query).not.toContain(' and on() ');
    expect(latency.successCondition).toBe('len(result) > 0 && !isNaN(result[0]) && result[0] <= 0.25');
    expect(latency.provider.prometheus.query).toContain('histogram_quantile(0.99');
  });

  test.each([
    ['no series at all', []],
    ['0/0 (no requests in the window)', [Number.NaN]],
  ])('no data is inconclusive, not success: %s', (_case, result) => {
    const { 'success-rate': success, 'latency-p99': latency } = metrics();
    expect(measurementPhase(success, result)).toBe('Inconclusive');
    expect(measurementPhase(latency, result)).toBe('Inconclusive');
  });

  test('data is judged: success above the limits, failure below', () => {
    const { 'success-rate': success, 'latency-p99': latency } = metrics();
    expect(measurementPhase(success, [0.999])).toBe('Successful');
    expect(measurementPhase(success, [0.9])).toBe('Failed');
    expect(measurementPhase(latency, [0.2])).toBe('Successful');
    expect(measurementPhase(latency, [0.8])).toBe('Failed');
  });

  test('with a minimum request volume: too little traffic is inconclusive, and the rates only count above it', () => {
    const chart = ownedChart();
    new CanaryAnalysis(chart, 'a', { ...props, minRequests: 50 });
    const template = findOne(render(chart), 'AnalysisTemplate', 'api-canary');
    expect(template).toMatchSnapshot();
    const { 'request-volume': volume, 'success-rate': success, 'latency-p99': latency } = metrics({ minRequests: 50 });
    expect(volume.provider.prometheus.query).toBe('sum(increase(http_requests_total{namespace="apps",workload="api",rollout_role="canary"}[1m]))');
    expect(measurementPhase(volume, [12])).toBe('Inconclusive');
    expect(measurementPhase(volume, [])).toBe('Inconclusive');
    expect(measurementPhase(volume, [50])).toBe('Successful');
    expect(volume.inconclusiveLimit).toBe(0);
    for (const rate of [success, latency]) {
      expect(rate.provider.prometheus.query).toMatch(/ and on\(\) \(sum\(increase\(http_requests_total\{[^}]+\}\[1m\]\)\) >= 50\)$/);
    }
  });

  test('fails when the success rate is outside (0, 1]', () => {
    expect(() => new CanaryAnalysis(ownedChart(), 'a', { ...props, minSuccessRate: 99 })).toThrow('CanaryAnalysis api: minSuccessRate = 99: must be in (0, 1]');
  });

  test('fails when the failure limit is negative', () => {
    expect(() => new CanaryAnalysis(ownedChart(), 'a', { ...props, failureLimit: -1 })).toThrow('CanaryAnalysis api: failureLimit = -1: must be an integer >= 0');
  });

  test('fails when the minimum request volume is not a whole number', () => {
    expect(() => new CanaryAnalysis(ownedChart(), 'a', { ...props, minRequests: 2.5 })).toThrow('CanaryAnalysis api: minRequests = 2.5: must be an integer >= 0');
  });

  test('fails when a metric name is not a Prometheus name', () => {
    expect(() => new CanaryAnalysis(ownedChart(), 'a', { ...props, requestsMetric: 'http-requests' })).toThrow('CanaryAnalysis api: requestsMetric = http-requests: must be a Prometheus metric name');
  });
});

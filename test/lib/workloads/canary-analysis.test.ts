import { Duration } from 'cdk8s';
import { CanaryAnalysis, type CanaryAnalysisProps } from '../../../lib/workloads';
import { findOne, render } from '../../util';
import { ownedChart, PROMETHEUS } from './fixtures';

const props: CanaryAnalysisProps = { rolloutName: 'api', namespace: 'apps', prometheusAddress: PROMETHEUS };

describe('CanaryAnalysis', () => {
  test('measures only canary samples and aborts after the failure limit', () => {
    const chart = ownedChart();
    new CanaryAnalysis(chart, 'a', { ...props, minSuccessRate: 0.95, maxLatencyP99: Duration.millis(250), failureLimit: 3, interval: Duration.seconds(30) });
    const template = findOne(render(chart), 'AnalysisTemplate', 'api-canary');
    expect(template).toMatchSnapshot();
    const [success, latency] = template.spec.metrics;
    expect(success.successCondition).toBe('len(result) == 0 || isNaN(result[0]) || result[0] >= 0.95');
    expect(success.failureLimit).toBe(3);
    expect(success.interval).toBe('30s');
    expect(success.provider.prometheus.address).toBe(PROMETHEUS);
    expect(success.provider.prometheus.query).toContain('workload="api",rollout_role="canary",status!~"5.."');
    expect(latency.successCondition).toBe('len(result) == 0 || isNaN(result[0]) || result[0] <= 0.25');
    expect(latency.provider.prometheus.query).toContain('histogram_quantile(0.99');
  });

  test('fails when the success rate is outside (0, 1]', () => {
    expect(() => new CanaryAnalysis(ownedChart(), 'a', { ...props, minSuccessRate: 99 })).toThrow('CanaryAnalysis api: minSuccessRate = 99: must be in (0, 1]');
  });

  test('fails when the failure limit is negative', () => {
    expect(() => new CanaryAnalysis(ownedChart(), 'a', { ...props, failureLimit: -1 })).toThrow('CanaryAnalysis api: failureLimit = -1: must be an integer >= 0');
  });

  test('fails when a metric name is not a Prometheus name', () => {
    expect(() => new CanaryAnalysis(ownedChart(), 'a', { ...props, requestsMetric: 'http-requests' })).toThrow('CanaryAnalysis api: requestsMetric = http-requests: must be a Prometheus metric name');
  });
});

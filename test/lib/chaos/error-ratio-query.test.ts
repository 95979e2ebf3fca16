import { Duration } from 'cdk8s';
import { errorRatioQuery } from '../../../lib/chaos';

describe('errorRatioQuery', () => {
  test('5xx share of the workload per the metrics contract, 0 without traffic', () => {
    expect(errorRatioQuery({ name: 'api', namespace: 'apps' }, Duration.minutes(2))).toBe(
      '((sum(rate(http_requests_total{namespace="apps",workload="api",status=~"5.."}[2m])) or vector(0)) / ' +
        '(sum(rate(http_requests_total{namespace="apps",workload="api"}[2m])) > 0)) or vector(0)',
    );
  });
});

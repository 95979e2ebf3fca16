import { isPrometheusDuration, prometheusLabelName } from '../../../lib/observability';

describe('isPrometheusDuration', () => {
  test.each(['30s', '5m', '1h30m', '15d', '2w', '1y', '250ms'])('accepts %s', (d) => expect(isPrometheusDuration(d)).toBe(true));
  test.each(['', '0s', '5', 'm5', '30m1h', '1.5h', '15 d'])('rejects %j', (d) => expect(isPrometheusDuration(d)).toBe(false));
});

describe('prometheusLabelName', () => {
  test('turns a Kubernetes label into the label name Prometheus service discovery uses', () => {
    expect(prometheusLabelName('platform.example.com/rollout-role')).toBe('platform_example_com_rollout_role');
  });
});

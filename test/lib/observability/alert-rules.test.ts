import { AlertRules, type AlertRule, type RuleGroup } from '../../../lib/observability';
import { findOne, render, testChart } from '../../util';

const alert: AlertRule = {
  alert: 'NodePoolNearLimit',
  expr: 'max by (nodepool) (karpenter_nodepools_usage) / max by (nodepool) (karpenter_nodepools_limit) > 0.9',
  for: '15m',
  severity: 'warning',
  summary: 'NodePool {{ $labels.nodepool }} is near its limit',
  description: 'Raise the limit or find the workload that grew.',
};
const groups: RuleGroup[] = [
  { name: 'capacity', rules: [alert, { record: 'nodepool:usage:ratio', expr: 'karpenter_nodepools_usage / karpenter_nodepools_limit', labels: { team: 'platform' } }] },
];

describe('AlertRules', () => {
  test('renders alerts with a severity label and annotations, and recording rules', () => {
    const chart = testChart();
    const rules = new AlertRules(chart, 'rules', { name: 'platform-capacity', namespace: 'monitoring', groups });
    const objects = render(chart);
    expect(objects).toMatchSnapshot();
    const [group] = findOne(objects, 'PrometheusRule', 'platform-capacity', 'monitoring').spec.groups;
    expect(group.rules[0]).toEqual({
      alert: 'NodePoolNearLimit',
      expr: alert.expr,
      for: '15m',
      labels: { severity: 'warning' },
      annotations: { summary: alert.summary, description: alert.description },
    });
    expect(group.rules[1]).toEqual({ record: 'nodepool:usage:ratio', expr: 'karpenter_nodepools_usage / karpenter_nodepools_limit', labels: { team: 'platform' } });
    expect(rules.alertNames).toEqual(['NodePoolNearLimit']);
  });

  const withRule = (rule: Partial<AlertRule>) => () =>
    new AlertRules(testChart(), 'x', { name: 'r', namespace: 'monitoring', groups: [{ name: 'g', rules: [{ ...alert, ...rule } as AlertRule] }] });

  test('fails when an alert name is not PascalCase', () => {
    expect(withRule({ alert: 'node-pool-near-limit' })).toThrow('AlertRules r group g alert node-pool-near-limit: alert = "node-pool-near-limit": must be PascalCase letters and digits, e.g. NodePoolNearLimit');
  });

  test('fails when the severity is unknown', () => {
    expect(withRule({ severity: 'page' as never })).toThrow('AlertRules r group g alert NodePoolNearLimit: severity = "page": must be one of critical, warning, info');
  });

  test('fails when for is not a duration', () => {
    expect(withRule({ for: 'ten minutes' })).toThrow('AlertRules r group g alert NodePoolNearLimit: for = "ten minutes": must be a Prometheus duration such as 30s, 5m, 1h or 15d');
  });

  test('fails when the summary is empty', () => {
    expect(withRule({ summary: ' ' })).toThrow('AlertRules r group g alert NodePoolNearLimit: summary is empty: say in one line what is wrong');
  });

  test('fails when the description is empty', () => {
    expect(withRule({ description: '' })).toThrow('AlertRules r group g alert NodePoolNearLimit: description is empty: say what is wrong and where to look');
  });

  test('fails when severity is also given as a label', () => {
    expect(withRule({ labels: { severity: 'critical' } })).toThrow('AlertRules r group g alert NodePoolNearLimit: labels.severity is set: use the severity prop');
  });

  test('fails when the brackets of an expression do not balance', () => {
    expect(withRule({ expr: 'sum(rate(x[5m])' })).toThrow('AlertRules r group g alert NodePoolNearLimit: expr = "sum(rate(x[5m])": brackets do not balance');
  });

  test('fails when a recording rule name is not a metric name', () => {
    expect(() => new AlertRules(testChart(), 'x', { name: 'r', namespace: 'm', groups: [{ name: 'g', rules: [{ record: 'usage ratio', expr: 'up' }] }] })).toThrow(
      'AlertRules r group g record usage ratio: record = "usage ratio": must be a metric name such as job:http_requests:rate5m',
    );
  });

  test('fails when two groups share a name', () => {
    expect(() => new AlertRules(testChart(), 'x', { name: 'r', namespace: 'm', groups: [groups[0], groups[0]] })).toThrow(
      'AlertRules r: group capacity: duplicate group name; group names must be unique',
    );
  });

  test('fails when a group has no rules', () => {
    expect(() => new AlertRules(testChart(), 'x', { name: 'r', namespace: 'm', groups: [{ name: 'g', rules: [] }] })).toThrow('AlertRules r: group g: rules = []: must contain at least one rule');
  });

  test('fails when there is no group', () => {
    expect(() => new AlertRules(testChart(), 'x', { name: 'r', namespace: 'm', groups: [] })).toThrow('AlertRules r: groups = []: must declare at least one rule group');
  });
});

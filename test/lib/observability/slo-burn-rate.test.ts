import { burnRateRuleGroups, errorRatioRecord, SRE_WORKBOOK_WINDOWS, type AlertRule, type RecordingRule } from '../../../lib/observability';

const slo = {
  name: 'demo-api',
  alertPrefix: 'DemoApi',
  objective: 0.999,
  errorRatio: (w: string) => `sum(rate(errors_total[${w}])) / sum(rate(requests_total[${w}]))`,
};

describe('burnRateRuleGroups', () => {
  const [recordings, alerts] = burnRateRuleGroups(slo);

  test('records the error ratio once per window, shortest first', () => {
    expect(recordings.name).toBe('slo-demo-api-recordings');
    expect((recordings.rules as RecordingRule[]).map((r) => r.record)).toEqual(
      ['5m', '30m', '1h', '2h', '6h', '1d', '3d'].map(errorRatioRecord),
    );
    expect(recordings.rules[2]).toEqual({
      record: 'slo:sli_error:ratio_rate1h',
      expr: 'sum(rate(errors_total[1h])) / sum(rate(requests_total[1h]))',
      labels: { slo: 'demo-api' },
    });
  });

  test('pages on the 1h/5m and 6h/30m windows, tickets on 1d/2h and 3d/6h (SRE workbook)', () => {
    const rules = alerts.rules as AlertRule[];
    expect(rules.map((r) => [r.labels?.long_window, r.labels?.short_window, r.severity])).toEqual([
      ['1h', '5m', 'critical'],
      ['6h', '30m', 'critical'],
      ['1d', '2h', 'warning'],
      ['3d', '6h', 'warning'],
    ]);
    expect(rules[0].expr).toBe(
      'slo:sli_error:ratio_rate1h{slo="demo-api"} > (14.4 * (1 - 0.999))\nand\nslo:sli_error:ratio_rate5m{slo="demo-api"} > (14.4 * (1 - 0.999))',
    );
    expect(rules.every((r) => r.alert === 'DemoApiErrorBudgetBurn')).toBe(true);
    expect(rules[0].description).toContain('the 30-day budget is spent in 2.1 days');
    expect(SRE_WORKBOOK_WINDOWS).toHaveLength(4);
  });

  test('fails when the objective is not a ratio', () => {
    expect(() => burnRateRuleGroups({ ...slo, objective: 99.9 })).toThrow('AvailabilitySlo demo-api: objective = 99.9: must be a ratio between 0 and 1, e.g. 0.999');
  });

  test('fails when the alert prefix is not PascalCase', () => {
    expect(() => burnRateRuleGroups({ ...slo, alertPrefix: 'demo-api' })).toThrow('AvailabilitySlo demo-api: alertPrefix = "demo-api": must be PascalCase, e.g. DemoApi');
  });

  test('fails when a window has several units', () => {
    expect(() => burnRateRuleGroups(slo, [{ long: '1h30m', short: '5m', factor: 10, severity: 'critical' }])).toThrow(
      'burn-rate window "1h30m": must be a single-unit range such as 5m, 1h or 3d',
    );
  });
});

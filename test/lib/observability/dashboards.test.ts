import { DashboardModel, DASHBOARD_SIDECAR_LABEL, GrafanaDashboard } from '../../../lib/observability';
import { findOne, render, testChart } from '../../util';

function sample(): DashboardModel {
  return new DashboardModel({ uid: 'sample', title: 'Sample', tags: ['t'], variables: [{ name: 'workload', label: 'Workload', metric: 'http_requests_total' }] })
    .addRow('First')
    .addPanel('timeseries', { title: 'A', queries: [{ expr: 'sum(rate(a_total[5m]))', legend: 'a' }], stacked: true })
    .addPanel('stat', { title: 'B', queries: [{ expr: 'sum(b)' }], unit: 'percentunit', width: 6, height: 4 })
    .addPanel('stat', { title: 'C', queries: [{ expr: 'sum(c)' }, { expr: 'sum(d)' }], width: 12 })
    .addRow('Second')
    .addPanel('timeseries', { title: 'E', queries: [{ expr: 'e' }], width: 24 });
}

describe('DashboardModel', () => {
  const json = sample().toJson() as { panels: Record<string, any>[]; templating: { list: Record<string, unknown>[] } };

  test('lays panels out left to right, wrapping full lines, rows on their own line', () => {
    expect(json.panels.map((p) => [p.id, p.type, p.title, p.gridPos])).toEqual([
      [1, 'row', 'First', { h: 1, w: 24, x: 0, y: 0 }],
      [2, 'timeseries', 'A', { h: 8, w: 12, x: 0, y: 1 }],
      [3, 'stat', 'B', { h: 4, w: 6, x: 12, y: 1 }],
      [4, 'stat', 'C', { h: 8, w: 12, x: 0, y: 9 }],
      [5, 'row', 'Second', { h: 1, w: 24, x: 0, y: 17 }],
      [6, 'timeseries', 'E', { h: 8, w: 24, x: 0, y: 18 }],
    ]);
  });

  test('queries target the Prometheus data source with ref ids A, B, …', () => {
    const c = json.panels[3];
    expect(c.targets.map((t: Record<string, unknown>) => [t.refId, t.expr])).toEqual([['A', 'sum(c)'], ['B', 'sum(d)']]);
    expect(c.datasource).toEqual({ type: 'prometheus', uid: 'prometheus' });
    expect(json.panels[1].fieldConfig.defaults.custom.stacking.mode).toBe('normal');
    expect(json.panels[2].fieldConfig.defaults.unit).toBe('percentunit');
  });

  test('label variables query label_values', () => {
    expect(json.templating.list[0]).toMatchObject({ name: 'workload', type: 'query', definition: 'label_values(http_requests_total, workload)', multi: true, includeAll: true });
  });

  test('exposes its queries and panel titles', () => {
    const model = sample();
    expect(model.panelTitles).toEqual(['A', 'B', 'C', 'E']);
    expect(model.queries).toEqual(['sum(rate(a_total[5m]))', 'sum(b)', 'sum(c)', 'sum(d)', 'e']);
  });

  test('fails when the uid is not a Grafana uid', () => {
    expect(() => new DashboardModel({ uid: 'a uid with spaces', title: 'T' })).toThrow('DashboardModel T: uid = "a uid with spaces": must be 1-40 letters, digits, - or _');
  });

  test('fails when a panel is wider than the grid', () => {
    expect(() => new DashboardModel({ uid: 'u', title: 'T' }).addPanel('stat', { title: 'P', queries: [{ expr: 'x' }], width: 25 })).toThrow(
      'DashboardModel u panel "P": width = 25: must be an integer from 1 to 24',
    );
  });

  test('fails when a panel has no query', () => {
    expect(() => new DashboardModel({ uid: 'u', title: 'T' }).addPanel('stat', { title: 'P', queries: [] })).toThrow('DashboardModel u panel "P": queries = []: must have at least one query');
  });

  test('fails when a stat panel is stacked', () => {
    expect(() => new DashboardModel({ uid: 'u', title: 'T' }).addPanel('stat', { title: 'P', queries: [{ expr: 'x' }], stacked: true })).toThrow(
      'DashboardModel u panel "P": stacked is only for timeseries panels',
    );
  });

  test('fails when a variable name is not an identifier', () => {
    expect(() => new DashboardModel({ uid: 'u', title: 'T', variables: [{ name: 'my-var', label: 'x', metric: 'up' }] })).toThrow(
      'DashboardModel u: variable "my-var": must be a name of letters, digits and _',
    );
  });
});

describe('GrafanaDashboard', () => {
  test('ships the dashboard JSON in a ConfigMap the sidecar picks up', () => {
    const chart = testChart();
    const dashboard = new GrafanaDashboard(chart, 'd', { namespace: 'monitoring', dashboard: sample() });
    const objects = render(chart);
    expect(objects).toMatchSnapshot();
    const configMap = findOne(objects, 'ConfigMap', 'dashboard-sample', 'monitoring');
    expect(dashboard.configMapName).toBe('dashboard-sample');
    expect(configMap.metadata.labels).toMatchObject({ [DASHBOARD_SIDECAR_LABEL.key]: DASHBOARD_SIDECAR_LABEL.value });
    expect(JSON.parse(configMap.data['sample.json'])).toEqual(sample().toJson());
  });

  test('fails when the dashboard does not fit in a ConfigMap', () => {
    const huge = new DashboardModel({ uid: 'huge', title: 'Huge' });
    for (let i = 0; i < 400; i++) huge.addPanel('stat', { title: `P${i}`, queries: [{ expr: 'x'.repeat(3000) }] });
    expect(() => new GrafanaDashboard(testChart(), 'd', { namespace: 'monitoring', dashboard: huge })).toThrow(
      /^GrafanaDashboard huge: dashboard JSON is \d+ bytes: must stay below 1032192 \(ConfigMap size limit\); split it into several dashboards$/,
    );
  });
});

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { UPSTREAM, type HelmChartPin } from '../../lib/upstream/pins';
import { checkChartValues, unknownValuePaths, type ReleaseValues, type ValuesAllowlistEntry } from '../../lib/validation/chart-values';
import { pinnedChartDefaults } from '../../scripts/upstream/chart-defaults';
import { upstreamDir } from '../../scripts/upstream/upstream-dir';
import { tempDir } from '../util';

const karpenter = UPSTREAM.karpenter.chart;
const release = (values: unknown, chart: HelmChartPin = karpenter, source = 'dist/dev/helm-values/karpenter.yaml'): ReleaseValues => ({ source, chart, values });
const check = (releases: ReleaseValues[], allowlist: ValuesAllowlistEntry[] = []) =>
  checkChartValues(releases, { defaultsOf: pinnedChartDefaults, allowlist });

describe('unknownValuePaths', () => {
  const defaults = { replicas: 1, podAnnotations: {}, image: { repository: 'x', tag: '' }, tolerations: [{ key: 'a' }], resources: null };

  test('reports keys the defaults lack, at any depth, top-most only', () => {
    expect(unknownValuePaths({ replicas: 2, image: { tag: 'v1', digest: 'sha256:0' }, sidecar: { image: { tag: 'x' } } }, defaults)).toEqual(['image.digest', 'sidecar']);
  });

  test('allows anything below a map whose default is {}', () => {
    expect(unknownValuePaths({ podAnnotations: { 'prometheus.io/scrape': 'true', nested: { any: 1 } } }, defaults)).toEqual([]);
  });

  test('treats lists and non-map defaults as leaves', () => {
    expect(unknownValuePaths({ tolerations: [{ key: 'b', anything: true }], resources: { limits: { cpu: '1' } } }, defaults)).toEqual([]);
  });

  test('quotes keys that are not plain identifiers', () => {
    expect(unknownValuePaths({ image: { 'pull.policy': 'Always' } }, defaults)).toEqual(['image["pull.policy"]']);
  });
});

describe('chart values check against the pinned defaults', () => {
  test('passes known keys and free-form maps of the real Karpenter defaults', () => {
    const report = check([release({ settings: { clusterName: 'dev', featureGates: { nodeRepair: true } }, podAnnotations: { 'example.com/owner': 'platform' }, controller: { resources: { requests: { cpu: '1' } } } })]);
    expect(report.errors).toEqual([]);
    expect(report.checked.map((r) => r.source)).toEqual(['dist/dev/helm-values/karpenter.yaml']);
  });

  test('fails on a key the chart does not have', () => {
    expect(check([release({ settings: { clusterName: 'dev', clusterNmae: 'typo' } })]).errors).toEqual([
      'dist/dev/helm-values/karpenter.yaml: settings.clusterNmae: not a value of chart karpenter 1.14.1 (absent from its default values); fix the key or allowlist it with a reason',
    ]);
  });

  test('passes an allowlisted path and everything below it', () => {
    const allowlist = [{ chart: 'karpenter', path: 'nodeSelector', reason: 'a label map the chart passes through whole' }];
    expect(check([release({ nodeSelector: { 'karpenter.sh/capacity-type': 'on-demand' } })], allowlist).errors).toEqual([]);
  });

  test('fails on an unused allowlist entry', () => {
    const allowlist = [{ chart: 'karpenter', path: 'settings.oldFlag', reason: 'removed upstream' }];
    expect(check([release({ settings: { clusterName: 'dev' } })], allowlist).errors).toEqual([
      "allowlist entry karpenter settings.oldFlag is unused (the key is not rendered or is now in the chart's defaults): remove it",
    ]);
  });

  test('an allowlist entry for another chart does not apply', () => {
    const allowlist = [{ chart: 'keda', path: 'nodeSelector', reason: 'x' }];
    const report = check([release({ nodeSelector: { a: 'b' } })], allowlist);
    expect(report.errors).toHaveLength(2);
    expect(report.errors[0]).toContain('nodeSelector.a: not a value of chart karpenter');
  });

  test('reports charts without pinned defaults as not checked, not as passed', () => {
    const unpinned = { name: 'cert-manager', repository: 'https://charts.jetstack.io', version: '1.19.1' };
    const report = check([release({ anything: 1 }, unpinned, 'dist/prod/helm-values/cert-manager.yaml')]);
    expect(report.errors).toEqual([]);
    expect(report.checked).toEqual([]);
    expect(report.unchecked).toEqual(['no pinned defaults for chart cert-manager 1.19.1: not checked (dist/prod/helm-values/cert-manager.yaml)']);
  });

  test('fails when a release uses a pinned chart at another version', () => {
    expect(check([release({}, { ...karpenter, version: '1.0.0' })]).errors).toEqual([
      'dist/dev/helm-values/karpenter.yaml: chart karpenter 1.0.0 is not the pinned 1.14.1: take the chart from UPSTREAM in lib/upstream/pins.ts',
    ]);
  });

  test('a pinned chart whose defaults the upstream folder lacks is not checked', () => {
    const saved = process.env.UPSTREAM_DIR;
    process.env.UPSTREAM_DIR = tempDir();
    try {
      expect(check([release({ anything: 1 })]).unchecked).toEqual(['no pinned defaults for chart karpenter 1.14.1: not checked (dist/dev/helm-values/karpenter.yaml)']);
    } finally {
      if (saved === undefined) delete process.env.UPSTREAM_DIR;
      else process.env.UPSTREAM_DIR = saved;
    }
  });

  test('every mirrored chart default values file parses to a map', () => {
    const mirrored = Object.values(UPSTREAM).filter((c) => existsSync(join(upstreamDir(), c.chartValues.file)));
    expect(mirrored.length).toBeGreaterThan(0);
    for (const component of mirrored) {
      const defaults = pinnedChartDefaults(component.chart);
      expect(typeof defaults).toBe('object');
      expect(Object.keys(defaults as object).length).toBeGreaterThan(0);
    }
  }, 30_000);
});

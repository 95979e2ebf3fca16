import { join } from 'node:path';
import { chartArchiveFile, chartArchivePath, helmPullArgs, pinnedCharts } from '../../scripts/upstream/chart-archives';

describe('chart archives', () => {
  test('offline and online lookups use the same file name for every pinned chart', () => {
    for (const chart of pinnedCharts()) {
      const online = helmPullArgs(chart, '/dest');
      // helm pull names the package <name>-<version>.tgz, the mirror's name too.
      expect(chartArchiveFile(chart)).toBe(`charts/${chart.name}-${chart.version}.tgz`);
      expect(online).toContain(chart.version);
      expect(() => chartArchivePath(chart, '/nonexistent', true)).toThrow(`${chartArchiveFile(chart)} is not in the mirror /nonexistent (UPSTREAM_DIR)`);
    }
  });

  test('OCI charts are pulled by reference, repository charts with --repo', () => {
    expect(helmPullArgs({ name: 'karpenter', repository: 'oci://public.ecr.aws/karpenter', version: '1.14.1' }, '/d')).toEqual(['pull', 'oci://public.ecr.aws/karpenter/karpenter', '--version', '1.14.1', '--destination', '/d']);
    // As an Argo CD Application writes it (no scheme).
    expect(helmPullArgs({ name: 'karpenter', repository: 'public.ecr.aws/karpenter', version: '1.14.1' }, '/d')[1]).toBe('oci://public.ecr.aws/karpenter/karpenter');
    expect(helmPullArgs({ name: 'keda', repository: 'https://kedacore.github.io/charts', version: '2.20.2' }, '/d')).toEqual(['pull', 'keda', '--repo', 'https://kedacore.github.io/charts', '--version', '2.20.2', '--destination', '/d']);
  });

  test('online, a missing chart says how to fetch it or use a mirror', () => {
    expect(() => chartArchivePath({ name: 'x', repository: 'r', version: '1.0.0' }, join('/tmp', 'nothing'), false)).toThrow(/run npm run fetch-upstream .* or set UPSTREAM_DIR to a mirror/);
  });
});

import type { HelmChartPin } from '../upstream/pins';

/** Machine-readable list of an environment's Helm releases, beside their values files. */
export const RELEASE_INDEX_PATH = 'helm-values/releases.json';

export interface ReleaseIndexEntry {
  readonly release: string;
  readonly namespace: string;
  readonly chart: HelmChartPin;
  /** Values file, relative to `dist/<env>/`. */
  readonly values: string;
}

/** The index file's content: entries sorted by release, one JSON document, LF ending. */
export function renderReleaseIndex(entries: readonly ReleaseIndexEntry[]): string {
  const sorted = [...entries].sort((a, b) => (a.release < b.release ? -1 : a.release > b.release ? 1 : 0));
  const plain = sorted.map((e) => ({
    release: e.release,
    namespace: e.namespace,
    chart: { name: e.chart.name, repository: e.chart.repository, version: e.chart.version },
    values: e.values,
  }));
  return `${JSON.stringify(plain, null, 2)}\n`;
}

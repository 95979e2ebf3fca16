import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { UPSTREAM, type HelmChartPin } from '../../lib/upstream/pins';
import { upstreamDir, upstreamPath } from './upstream-dir';

const parsed = new Map<string, unknown>();

/**
 * Default values of `chart` from the pinned upstream files, or `undefined` when no component in
 * `lib/upstream/pins.ts` pins that chart or the upstream folder lacks its defaults. Throws when
 * the chart is pinned at another version (the release did not take its chart from the pins).
 */
export function pinnedChartDefaults(chart: HelmChartPin): unknown {
  const component = Object.values(UPSTREAM).find((c) => c.chart.name === chart.name && c.chart.repository === chart.repository);
  if (!component) return undefined;
  if (component.chart.version !== chart.version) {
    throw new Error(`chart ${chart.name} ${chart.version} is not the pinned ${component.chart.version}: take the chart from UPSTREAM in lib/upstream/pins.ts`);
  }
  // A mirror may lack the defaults of a pinned chart; its values are then reported as not checked.
  if (!existsSync(join(upstreamDir(), component.chartValues.file))) return undefined;
  const path = upstreamPath(component.chartValues);
  if (!parsed.has(path)) parsed.set(path, parse(readFileSync(path, 'utf8')) ?? {});
  return parsed.get(path);
}

import type { HelmChartPin } from '../upstream/pins';

/** A values path a chart accepts although its default values do not show it. */
export interface ValuesAllowlistEntry {
  /** Chart name, e.g. `kube-prometheus-stack`. */
  readonly chart: string;
  /** Path as the check prints it (`a.b["c.d"]`); also allows everything below it. */
  readonly path: string;
  /** Why the chart accepts it (e.g. which template or sub-chart reads it). */
  readonly reason: string;
}

/** One rendered values file and the chart it is for. */
export interface ReleaseValues {
  /** Where the values came from, for messages, e.g. `dist/dev/helm-values/keda.yaml`. */
  readonly source: string;
  readonly chart: HelmChartPin;
  readonly values: unknown;
}

export interface ChartValuesOptions {
  /**
   * Default values of a chart; `undefined` when no defaults are pinned for it (the release is
   * then listed as not checked). Throwing marks the release as an error with that message.
   */
  readonly defaultsOf: (chart: HelmChartPin) => unknown;
  readonly allowlist: readonly ValuesAllowlistEntry[];
  /**
   * Fail allowlist entries no release needed. Only meaningful when every environment is checked.
   * @default true
   */
  readonly failUnusedAllowlist?: boolean;
}

export interface ChartValuesReport {
  readonly errors: readonly string[];
  /** Releases compared with their chart's defaults. */
  readonly checked: readonly ReleaseValues[];
  /** Charts without pinned defaults, with the releases that use them. */
  readonly unchecked: readonly string[];
}

/**
 * Key paths of `values` that the chart's `defaults` do not have. Maps recurse; a map whose
 * default is `{}` is free-form (labels, annotations, extra args) and anything may go below it;
 * lists and scalars are leaves. Only the top-most unknown key of a subtree is reported.
 */
export function unknownValuePaths(values: unknown, defaults: unknown, prefix = ''): string[] {
  if (!isMap(values) || !isMap(defaults) || Object.keys(defaults).length === 0) return [];
  const unknown: string[] = [];
  for (const key of Object.keys(values).sort()) {
    const path = joinPath(prefix, key);
    if (Object.prototype.hasOwnProperty.call(defaults, key)) unknown.push(...unknownValuePaths(values[key], defaults[key], path));
    else unknown.push(path);
  }
  return unknown;
}

/**
 * Checks every release's values against its chart's default values: each unknown key path is an
 * error unless the allowlist names it; an allowlist entry nothing needed is an error too, so the
 * list cannot silently outlive a chart upgrade.
 */
export function checkChartValues(releases: readonly ReleaseValues[], options: ChartValuesOptions): ChartValuesReport {
  const errors: string[] = [];
  const checked: ReleaseValues[] = [];
  const unchecked = new Map<string, string[]>();
  const used = new Set<ValuesAllowlistEntry>();

  for (const release of releases) {
    const chart = `${release.chart.name} ${release.chart.version}`;
    let defaults: unknown;
    try {
      defaults = options.defaultsOf(release.chart);
    } catch (error) {
      errors.push(`${release.source}: ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    if (defaults === undefined) {
      unchecked.set(chart, [...(unchecked.get(chart) ?? []), release.source]);
      continue;
    }
    checked.push(release);
    for (const path of unknownValuePaths(release.values, defaults)) {
      const entry = options.allowlist.find((e) => e.chart === release.chart.name && (path === e.path || isBelow(path, e.path)));
      if (entry) used.add(entry);
      else errors.push(`${release.source}: ${path}: not a value of chart ${chart} (absent from its default values); fix the key or allowlist it with a reason`);
    }
  }

  if (options.failUnusedAllowlist ?? true) {
    for (const entry of options.allowlist) {
      if (!used.has(entry)) errors.push(`allowlist entry ${entry.chart} ${entry.path} is unused (the key is not rendered or is now in the chart's defaults): remove it`);
    }
  }
  return {
    errors,
    checked,
    unchecked: [...unchecked].map(([chart, sources]) => `no pinned defaults for chart ${chart}: not checked (${sources.join(', ')})`),
  };
}

function isMap(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function joinPath(prefix: string, key: string): string {
  // Keys with dots (label and annotation names) are quoted so the path stays unambiguous.
  if (!/^[A-Za-z0-9_-]+$/.test(key)) return `${prefix}[${JSON.stringify(key)}]`;
  return prefix === '' ? key : `${prefix}.${key}`;
}

function isBelow(path: string, ancestor: string): boolean {
  return path.startsWith(`${ancestor}.`) || path.startsWith(`${ancestor}[`);
}

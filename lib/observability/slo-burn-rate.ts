import type { AlertRule, RecordingRule, RuleGroup } from './alert-rules';

/** An availability objective over a rolling 30-day window. */
export interface AvailabilitySlo {
  /** SLO name (label value `slo`), e.g. `demo-api`. */
  readonly name: string;
  /** Prefix of the alert names in PascalCase, e.g. `DemoApi`. */
  readonly alertPrefix: string;
  /** Objective as a ratio of good events, e.g. `0.999`. */
  readonly objective: number;
  /** PromQL for the ratio of bad events over `window` (a range such as `5m`). */
  readonly errorRatio: (window: string) => string;
}

/** One multi-window alert: fires when both windows burn the budget `factor` times too fast. */
export interface BurnRateWindow {
  readonly long: string;
  readonly short: string;
  /** Budget consumption speed that triggers (1 = exactly the budget over 30 days). */
  readonly factor: number;
  readonly severity: 'critical' | 'warning';
}

/**
 * The multi-window, multi-burn-rate alerts of the Google SRE workbook (chapter "Alerting on
 * SLOs") for a 30-day window: page on 2 % of the budget in 1 h or 5 % in 6 h, open a ticket on
 * 10 % in 3 days (tracked here as 1 d and 3 d windows).
 */
export const SRE_WORKBOOK_WINDOWS: readonly BurnRateWindow[] = [
  { long: '1h', short: '5m', factor: 14.4, severity: 'critical' },
  { long: '6h', short: '30m', factor: 6, severity: 'critical' },
  { long: '1d', short: '2h', factor: 3, severity: 'warning' },
  { long: '3d', short: '6h', factor: 1, severity: 'warning' },
];

/** Name of the recorded error ratio over `window`. */
export function errorRatioRecord(window: string): string {
  return `slo:sli_error:ratio_rate${window}`;
}

/**
 * Rule groups for `slo`: one recording rule per window the alerts read, then the burn-rate alerts.
 * Fails on an objective outside (0, 1) or a malformed name.
 */
export function burnRateRuleGroups(slo: AvailabilitySlo, windows: readonly BurnRateWindow[] = SRE_WORKBOOK_WINDOWS): RuleGroup[] {
  if (!(slo.objective > 0 && slo.objective < 1)) {
    throw new Error(`AvailabilitySlo ${slo.name}: objective = ${slo.objective}: must be a ratio between 0 and 1, e.g. 0.999`);
  }
  if (!/^[A-Z][A-Za-z0-9]*$/.test(slo.alertPrefix)) {
    throw new Error(`AvailabilitySlo ${slo.name}: alertPrefix = ${JSON.stringify(slo.alertPrefix)}: must be PascalCase, e.g. DemoApi`);
  }
  const ranges = [...new Set(windows.flatMap((w) => [w.short, w.long]))].sort((a, b) => seconds(a) - seconds(b));
  const selector = `{slo="${slo.name}"}`;
  const recordings: RecordingRule[] = ranges.map((range) => ({
    record: errorRatioRecord(range),
    expr: slo.errorRatio(range),
    labels: { slo: slo.name },
  }));
  const budget = `(1 - ${slo.objective})`;
  const alerts: AlertRule[] = windows.map((w) => ({
    alert: `${slo.alertPrefix}ErrorBudgetBurn`,
    expr:
      `${errorRatioRecord(w.long)}${selector} > (${w.factor} * ${budget})\n` +
      `and\n` +
      `${errorRatioRecord(w.short)}${selector} > (${w.factor} * ${budget})`,
    severity: w.severity,
    labels: { slo: slo.name, long_window: w.long, short_window: w.short },
    summary: `${slo.name} burns its error budget ${w.factor}x too fast (${w.long}/${w.short} windows)`,
    description:
      `The error ratio of ${slo.name} over ${w.long} and ${w.short} is above ${w.factor} times the budget of a ` +
      `${slo.objective} objective; at this rate the 30-day budget is spent in ${budgetDays(w.factor)}.`,
  }));
  return [
    { name: `slo-${slo.name}-recordings`, rules: recordings },
    { name: `slo-${slo.name}-burn-rate`, rules: alerts },
  ];
}

function seconds(range: string): number {
  const units: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };
  const match = /^(\d+)([smhd])$/.exec(range);
  if (!match) throw new Error(`burn-rate window ${JSON.stringify(range)}: must be a single-unit range such as 5m, 1h or 3d`);
  return Number(match[1]) * units[match[2]];
}

function budgetDays(factor: number): string {
  const days = 30 / factor;
  return days >= 1 ? `${Math.round(days * 10) / 10} days` : `${Math.round(days * 24 * 10) / 10} hours`;
}

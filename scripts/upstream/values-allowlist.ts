import type { ValuesAllowlistEntry } from '../../lib/validation/chart-values';

/**
 * Helm values paths a chart accepts although its default values.yaml does not show them (keys
 * of a sub-chart, keys a template reads without a default). Each entry allows the path and
 * everything below it, says why, and must be needed: the check fails on an unused entry.
 */
export const VALUES_ALLOWLIST: readonly ValuesAllowlistEntry[] = [];

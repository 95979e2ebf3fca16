import type { EnvironmentConfig } from '../../../environments';
import { burnRateRuleGroups, HTTP_METRICS, TARGET_LABELS, type RuleGroup } from '../../../lib/observability';

/** Workload name (`app.kubernetes.io/name`) of the demo API whose availability is the SLO. */
const DEMO_API_WORKLOAD = 'api';
export const DEMO_API_SLO = 'demo-api';

/** The demo API's availability SLO: share of requests answered without a 5xx. */
export function sloRuleGroups(env: EnvironmentConfig): RuleGroup[] {
  const selector = `namespace="${env.demoApp.appNamespace}", ${TARGET_LABELS.workload}="${DEMO_API_WORKLOAD}"`;
  const requests = (extra: string, window: string) => `sum(rate(${HTTP_METRICS.requests}{${selector}${extra}}[${window}]))`;
  return burnRateRuleGroups({
    name: DEMO_API_SLO,
    alertPrefix: 'DemoApi',
    objective: env.observability.slo.apiAvailability,
    errorRatio: (window) => `${requests(`, ${HTTP_METRICS.statusLabel}=~"5.."`, window)}\n/\n${requests('', window)}`,
  });
}

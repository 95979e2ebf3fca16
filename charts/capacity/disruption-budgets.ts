import type { DisruptionConfig } from '../../environments/capacity-config';
import { parseGoDuration, type DisruptionBudget } from '../../lib/capacity';

/**
 * The disruption budgets of an environment: `maxUnavailablePercent` of nodes at once; with
 * `scaleToZero`, empty nodes go all at once; with a freeze schedule, no node is disrupted for drift
 * or underutilization while it is active (empty nodes still go, they run nothing).
 */
export function disruptionBudgets(disruption: DisruptionConfig): DisruptionBudget[] {
  const share = `${disruption.maxUnavailablePercent}%`;
  const budgets: DisruptionBudget[] = disruption.scaleToZero
    ? [
        { nodes: share, reasons: ['Drifted', 'Underutilized'] },
        { nodes: '100%', reasons: ['Empty'] },
      ]
    : [{ nodes: share }];
  if (disruption.freezeSchedule) {
    budgets.push({
      nodes: '0',
      reasons: ['Drifted', 'Underutilized'],
      schedule: disruption.freezeSchedule,
      duration: parseGoDuration(disruption.freezeDuration),
    });
  }
  return budgets;
}

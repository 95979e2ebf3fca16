import { assertRule, cronRule } from '../config/checks';
import type { Duration } from 'cdk8s';
import * as sh from '../../imports/karpenter-karpenter.sh';
import { formatGoDuration } from './go-duration';

/** Why Karpenter disrupts a node; a budget may limit some reasons only. */
export type DisruptionReason = 'Underutilized' | 'Empty' | 'Drifted';

/**
 * How many nodes of a pool Karpenter may disrupt at once. With several budgets active, the most
 * restrictive wins for each reason.
 */
export interface DisruptionBudget {
  /** Nodes that may be disrupted at once: a count (`'0'`, `'3'`) or a share of the pool (`'10%'`). */
  readonly nodes: string;
  /**
   * Reasons the budget limits.
   * @default - every reason
   */
  readonly reasons?: readonly DisruptionReason[];
  /**
   * Cron expression (UTC) at which the budget becomes active; set together with `duration`.
   * @default - always active
   */
  readonly schedule?: string;
  /**
   * How long the budget stays active after each `schedule` hit, in whole minutes.
   * @default - always active
   */
  readonly duration?: Duration;
}

const NODES = /^((100|[0-9]{1,2})%|[0-9]+)$/;
const REASONS: Record<DisruptionReason, sh.NodePoolSpecDisruptionBudgetsReasons> = {
  Underutilized: sh.NodePoolSpecDisruptionBudgetsReasons.UNDERUTILIZED,
  Empty: sh.NodePoolSpecDisruptionBudgetsReasons.EMPTY,
  Drifted: sh.NodePoolSpecDisruptionBudgetsReasons.DRIFTED,
};

/** Validates a budget (`where` names the owner in errors) and renders it for the NodePool API. */
export function renderDisruptionBudget(where: string, budget: DisruptionBudget): sh.NodePoolSpecDisruptionBudgets {
  if (!NODES.test(budget.nodes)) {
    throw new Error(`${where}: nodes = ${JSON.stringify(budget.nodes)}: must be a node count such as '0' or a percentage from 0% to 100%`);
  }
  if ((budget.schedule === undefined) !== (budget.duration === undefined)) {
    throw new Error(`${where}: schedule and duration must be set together (the budget is active for duration after each schedule hit)`);
  }
  if (budget.schedule !== undefined) assertRule(where, 'schedule', budget.schedule, cronRule(budget.schedule));
  let duration: string | undefined;
  if (budget.duration !== undefined) {
    const seconds = budget.duration.toSeconds();
    if (seconds <= 0 || seconds % 60 !== 0) {
      throw new Error(`${where}: duration = ${budget.duration.toHumanString()}: must be a positive whole number of minutes (Karpenter accepts hours and minutes only)`);
    }
    duration = formatGoDuration(budget.duration);
  }
  const unknown = (budget.reasons ?? []).filter((r) => !(r in REASONS));
  if (unknown.length > 0) throw new Error(`${where}: reasons = ${unknown.join(', ')}: must be among ${Object.keys(REASONS).join(', ')}`);
  return {
    nodes: budget.nodes,
    reasons: budget.reasons?.map((r) => REASONS[r]),
    schedule: budget.schedule,
    duration,
  };
}

import { integerRule } from '../config/checks';
/**
 * Canary weights: integer percentages from 1 to 99, each step above the previous one; full
 * traffic (100) always follows the last step, so a step of 100 would only skip the final pause.
 * One rule for the `WebService` construct and the environment configuration.
 */
export const CANARY_WEIGHT = { min: 1, max: 99 } as const;

/** Why `weight` cannot be the weight of a canary step after `previous`, or undefined when it can. */
export function canaryWeightProblem(weight: unknown, previous?: number): string | undefined {
  if (integerRule(weight, CANARY_WEIGHT.min, CANARY_WEIGHT.max) !== undefined) {
    return `must be an integer percentage from ${CANARY_WEIGHT.min} to ${CANARY_WEIGHT.max} (100 follows the last step)`;
  }
  if (previous !== undefined && (weight as number) <= previous) return `must be greater than the previous weight (${previous})`;
  return undefined;
}

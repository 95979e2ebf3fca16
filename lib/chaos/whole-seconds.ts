import type { Duration } from 'cdk8s';

/** The duration in whole seconds, or undefined when it is not a whole number of seconds (Litmus reads seconds). */
export function wholeSeconds(duration: Duration): number | undefined {
  const ms = duration.toMilliseconds();
  return Number.isInteger(ms) && ms % 1000 === 0 ? ms / 1000 : undefined;
}

/**
 * How Argo Rollouts judges one measurement (`EvaluateResult` in utils/evaluate of argo-rollouts):
 * both conditions are evaluated; the failure condition wins; neither true is Inconclusive; a
 * missing failure condition means "not successful is failed". The conditions used here are the
 * subset of the expr language that reads the same in JavaScript (`len`, `isNaN`, `&&`, `||`, `!`,
 * comparisons); indexing past the end of the result is an evaluation error, as in expr.
 */
export type MeasurementPhase = 'Successful' | 'Failed' | 'Inconclusive' | 'Error';

export interface MeasuredMetric {
  readonly successCondition?: string;
  readonly failureCondition?: string;
}

export function measurementPhase(metric: MeasuredMetric, result: readonly number[]): MeasurementPhase {
  let success = false;
  let failure = false;
  try {
    if (metric.successCondition) success = evaluate(metric.successCondition, result);
    if (metric.failureCondition) failure = evaluate(metric.failureCondition, result);
  } catch {
    return 'Error';
  }
  if (!metric.successCondition && !metric.failureCondition) return 'Successful';
  if (metric.successCondition && !metric.failureCondition) failure = !success;
  if (!metric.successCondition && metric.failureCondition) success = !failure;
  if (failure) return 'Failed';
  return success ? 'Successful' : 'Inconclusive';
}

function evaluate(condition: string, result: readonly number[]): boolean {
  const strict = new Proxy([...result], {
    get(target, key) {
      if (typeof key === 'string' && /^\d+$/.test(key) && Number(key) >= target.length) throw new Error(`index out of range: ${key}`);
      return Reflect.get(target, key);
    },
  });
  const output = new Function('result', 'len', 'isNaN', `return (${condition});`)(strict, (v: readonly unknown[]) => v.length, Number.isNaN);
  if (typeof output !== 'boolean') throw new Error(`expected bool, got ${typeof output}`);
  return output;
}

import { collapseRepeats, largestFailureLimit, metricsForRehearsal, walkProblem, weightWalkOf, withShortPauses } from '../../lib/rehearsal/scenarios/canary-steps';

const rollout = (steps: unknown[]) => ({ metadata: { namespace: 'apps', name: 'api' }, spec: { strategy: { canary: { steps } } } });
const PROD_STEPS = [{ setWeight: 5 }, { pause: { duration: '10m' } }, { setWeight: 20 }, { pause: { duration: '10m' } }, { setWeight: 50 }, { pause: { duration: '10m' } }, { setWeight: 80 }, { pause: { duration: '10m' } }];

describe('canary steps', () => {
  test('the walk is each setWeight in order, then full traffic', () => {
    expect(weightWalkOf(rollout(PROD_STEPS))).toEqual([5, 20, 50, 80, 100]);
    expect(weightWalkOf(rollout([{ setWeight: 20 }, { setWeight: 100 }]))).toEqual([20, 100]);
  });

  test('fails when the Rollout has no canary steps', () => {
    expect(() => weightWalkOf({ metadata: { namespace: 'apps', name: 'api' }, spec: { strategy: { blueGreen: {} } } })).toThrow('Rollout apps/api: spec.strategy.canary.steps is empty or missing: the canary scenario needs a canary strategy with setWeight steps');
  });

  test('fails when no step sets a weight', () => {
    expect(() => weightWalkOf(rollout([{ pause: { duration: '1m' } }]))).toThrow('Rollout apps/api: spec.strategy.canary.steps has no setWeight step: nothing to walk');
  });

  test('an observed walk equal to the expected one has no problem', () => {
    expect(walkProblem([20, 40, 100], [20, 40, 100])).toBeUndefined();
  });

  test('fails when a step is missing, naming it', () => {
    expect(walkProblem([20, 100], [20, 40, 100])).toBe("setWeight 40 missing: observed 20 → 100, the environment's canary is 20 → 40 → 100");
  });

  test('fails when a step is not in the environment', () => {
    expect(walkProblem([20, 30, 40, 100], [20, 40, 100])).toBe("setWeight 30 not in the environment's canary: observed 20 → 30 → 40 → 100, the environment's canary is 20 → 40 → 100");
  });

  test('fails when the steps are out of order', () => {
    expect(walkProblem([40, 20, 100], [20, 40, 100])).toBe("steps out of order: observed 40 → 20 → 100, the environment's canary is 20 → 40 → 100");
  });

  test('timed pauses are shortened, weights kept', () => {
    expect(withShortPauses(rollout(PROD_STEPS), '5s')).toEqual(PROD_STEPS.map((s) => ('pause' in s ? { pause: { duration: '5s' } } : s)));
  });

  test('fails when a pause waits for a person', () => {
    expect(() => withShortPauses(rollout([{ setWeight: 20 }, { pause: {} }]), '5s')).toThrow('Rollout apps/api: spec.strategy.canary.steps[1].pause has no duration: it waits for a person to promote, which the rehearsal does not do');
  });

  test('repeated samples collapse', () => {
    expect(collapseRepeats([20, 20, 40, 40, 40, 100])).toEqual([20, 40, 100]);
  });
});

describe('analysis for the rehearsal', () => {
  const template = {
    metadata: { namespace: 'apps', name: 'api-canary' },
    spec: { metrics: [{ name: 'success-rate', interval: '1m', initialDelay: '2m', failureLimit: 2, successCondition: 'x', provider: { prometheus: { address: 'http://prometheus:9090', query: 'q1' } } }] },
  };

  test('points every Prometheus provider at the stand-in, measured from the start at the given interval', () => {
    expect(metricsForRehearsal(template, 'http://127.0.0.1:9', '1s')).toEqual([
      { name: 'success-rate', interval: '1s', failureLimit: 2, successCondition: 'x', provider: { prometheus: { address: 'http://127.0.0.1:9', query: 'q1' } } },
    ]);
    expect(largestFailureLimit(metricsForRehearsal(template, 'http://127.0.0.1:9', '1s'))).toBe(2);
  });

  test('fails when a metric uses another provider', () => {
    const web = { ...template, spec: { metrics: [{ name: 'smoke', provider: { web: { url: 'http://x' } } }] } };
    expect(() => metricsForRehearsal(web, 'http://127.0.0.1:9', '1s')).toThrow('AnalysisTemplate apps/api-canary: metric smoke uses provider web: the rehearsal answers Prometheus queries only');
  });

  test('fails when the template has no metrics', () => {
    expect(() => metricsForRehearsal({ ...template, spec: { metrics: [] } }, 'http://127.0.0.1:9', '1s')).toThrow('AnalysisTemplate apps/api-canary: spec.metrics is empty: nothing to analyse');
  });
});

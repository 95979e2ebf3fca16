import { chaosTargetCheck } from '../../charts/chaos';
import { buildPlatform } from '../../charts/platform';
import { ConfigError, formatViolation } from '../../lib/config/violation';
import { builtPlatform } from '../support/built-platform';
import { env, envWith } from '../util';

const PROD_CHAOS = { components: { chaos: true }, chaos: { allowInProd: true } };

describe('chaosTargetCheck (production guard)', () => {
  test('prod with chaos opted in builds: the API runs 3 replicas under a PodDisruptionBudget', () => {
    const config = envWith('prod', PROD_CHAOS);
    expect(chaosTargetCheck(buildPlatform(config), config)).toEqual([]);
  });

  test('outside prod the guard does not apply (dev runs single replicas)', () => {
    expect(env('dev').demoApp.minReplicas).toBe(1);
    expect(() => builtPlatform('dev')).not.toThrow();
  });

  test('fails when a chaos target in prod runs fewer than two replicas', () => {
    const config = envWith('prod', { ...PROD_CHAOS, demoApp: { minReplicas: 1 } });
    let error: unknown;
    try {
      buildPlatform(config);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).violations.map(formatViolation)).toEqual([
      'prod: chaos drill api-pod-delete: rollout apps/api minReplicas = 1: a chaos target needs at least 2 replicas, so losing pods never loses the service; ' +
        'fix the workload, or switch chaos off in prod (components.chaos)',
      // Its budget (maxUnavailable 1) then lets its only pod go.
      'prod: chaos drill api-pod-delete: rollout apps/api podDisruptionBudget = ["api"]: lets every pod go at once (minAvailable 0, or maxUnavailable of at least the 1 replicas): ' +
        "a chaos target's budget must keep at least one pod; fix the workload, or switch chaos off in prod (components.chaos)",
    ]);
  });
});

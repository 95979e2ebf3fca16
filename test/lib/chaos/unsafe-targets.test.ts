import { findUnsafeChaosTargets, type ManifestLike, type WorkloadTarget } from '../../../lib/chaos';

const API: WorkloadTarget = { name: 'api', namespace: 'apps', selectorLabels: { 'app.kubernetes.io/name': 'api' }, appKind: 'rollout', minReplicas: 3 };
const pdb = (spec: Record<string, unknown>, namespace = 'apps'): ManifestLike => ({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'api', namespace }, spec });
const SELECTOR = { matchLabels: { 'app.kubernetes.io/name': 'api' } };
const rules = (target: WorkloadTarget, objects: ManifestLike[]) => findUnsafeChaosTargets([target], objects).map((u) => u.rule);

describe('findUnsafeChaosTargets', () => {
  test('accepts a target with enough replicas under a budget keeping pods', () => {
    expect(rules(API, [pdb({ selector: SELECTOR, maxUnavailable: 1 })])).toEqual([]);
    expect(rules(API, [pdb({ selector: SELECTOR, minAvailable: 1 })])).toEqual([]);
    expect(rules(API, [pdb({ selector: SELECTOR, maxUnavailable: '50%' })])).toEqual([]);
  });

  test('fails when the target runs fewer than two replicas', () => {
    expect(findUnsafeChaosTargets([{ ...API, minReplicas: 1 }], [pdb({ selector: SELECTOR, minAvailable: 1 })])).toEqual([
      { target: { ...API, minReplicas: 1 }, field: 'minReplicas', value: 1, rule: 'a chaos target needs at least 2 replicas, so losing pods never loses the service' },
    ]);
  });

  test('fails when no PodDisruptionBudget exists', () => {
    expect(findUnsafeChaosTargets([API], [])).toEqual([
      { target: API, field: 'podDisruptionBudget', value: undefined, rule: 'a chaos target needs a PodDisruptionBudget: without one a drain (spot interruption, node-drain drill) may evict all its pods at once' },
    ]);
  });

  test('fails when the budget lets every pod go, naming it', () => {
    expect(findUnsafeChaosTargets([API], [pdb({ selector: SELECTOR, maxUnavailable: 3 })])).toEqual([
      { target: API, field: 'podDisruptionBudget', value: ['api'], rule: "lets every pod go at once (minAvailable 0, or maxUnavailable of at least the 3 replicas): a chaos target's budget must keep at least one pod" },
    ]);
  });

  test.each([
    ['in another namespace', pdb({ selector: SELECTOR, maxUnavailable: 1 }, 'data')],
    ['selecting other pods', pdb({ selector: { matchLabels: { 'app.kubernetes.io/name': 'worker' } }, maxUnavailable: 1 })],
    ['with match expressions', pdb({ selector: { matchExpressions: [{ key: 'a', operator: 'Exists' }] }, maxUnavailable: 1 })],
    ['allowing every pod to go (maxUnavailable = replicas)', pdb({ selector: SELECTOR, maxUnavailable: 3 })],
    ['allowing every pod to go (100%)', pdb({ selector: SELECTOR, maxUnavailable: '100%' })],
    ['keeping none (minAvailable 0)', pdb({ selector: SELECTOR, minAvailable: 0 })],
  ])('fails when the only budget is %s', (_what, budget) => {
    expect(rules(API, [budget])).toHaveLength(1);
  });
});

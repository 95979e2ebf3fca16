import { workloadKindOf, WORKLOAD_KINDS } from '../../../lib/governance';

describe('workload kinds', () => {
  test('cover the built-in pod controllers, Pods and Argo Rollouts', () => {
    expect(WORKLOAD_KINDS.map((k) => k.kind)).toEqual(['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'Rollout']);
  });

  test('recognise a kind by apiVersion and kind together', () => {
    expect(workloadKindOf({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout' })?.resource).toBe('rollouts');
    expect(workloadKindOf({ apiVersion: 'v1', kind: 'Pod' })?.resource).toBe('pods');
    expect(workloadKindOf({ apiVersion: 'apps/v1', kind: 'Rollout' })).toBeUndefined();
    expect(workloadKindOf({ apiVersion: 'v1', kind: 'ConfigMap' })).toBeUndefined();
  });
});

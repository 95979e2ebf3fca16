import { podTemplateOf, workloadKindOf, WORKLOAD_KINDS } from '../../../lib/governance';

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

  test('find the pod template of each kind', () => {
    const template = { metadata: { labels: { app: 'x' } }, spec: { containers: [] } };
    expect(podTemplateOf({ apiVersion: 'batch/v1', kind: 'CronJob', spec: { jobTemplate: { spec: { template } } } })).toBe(template);
    expect(podTemplateOf({ apiVersion: 'apps/v1', kind: 'StatefulSet', spec: { template } })).toBe(template);
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [] } };
    expect(podTemplateOf(pod)).toBe(pod);
    expect(podTemplateOf({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', spec: { workloadRef: { name: 'api' } } })).toBeUndefined();
  });
});

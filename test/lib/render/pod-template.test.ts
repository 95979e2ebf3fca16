import { isPodTemplateKind, podTemplateOf } from '../../../lib/render/pod-template';

const template = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'i' }] } };

describe('podTemplateOf', () => {
  test.each([
    ['apps/v1', 'Deployment', { spec: { template } }, 'workload'],
    ['apps/v1', 'DaemonSet', { spec: { template } }, 'daemon'],
    ['batch/v1', 'CronJob', { spec: { jobTemplate: { spec: { template } } } }, 'job'],
    ['argoproj.io/v1alpha1', 'Rollout', { spec: { template } }, 'workload'],
    ['keda.sh/v1alpha1', 'ScaledJob', { spec: { jobTargetRef: { template } } }, 'job'],
  ])('finds the template of %s %s', (apiVersion, kind, body, role) => {
    const found = podTemplateOf({ apiVersion, kind, ...body });
    expect(found?.spec).toBe(template.spec);
    expect(found?.metadata.labels).toEqual({ app: 'web' });
    expect(found?.role).toBe(role);
  });

  test('a bare Pod is its own template', () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { labels: { a: 'b' } }, spec: template.spec };
    expect(podTemplateOf(pod)).toEqual({ metadata: pod.metadata, spec: template.spec, role: 'job' });
  });

  test('a Rollout with workloadRef has no template of its own', () => {
    expect(podTemplateOf({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', spec: { workloadRef: { kind: 'Deployment', name: 'web' } } })).toBeUndefined();
  });

  test('the API group counts: a Deployment of another group is not a pod template kind', () => {
    expect(isPodTemplateKind('apps/v1', 'Deployment')).toBe(true);
    expect(isPodTemplateKind('example.com/v1', 'Deployment')).toBe(false);
    expect(podTemplateOf({ apiVersion: 'v1', kind: 'ConfigMap', spec: { template } })).toBeUndefined();
  });
});

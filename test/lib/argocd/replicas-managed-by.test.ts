import { ApiObject } from 'cdk8s';
import { autoscaledObjects, markReplicasManagedBy, REPLICAS_MANAGED_BY_ANNOTATION, type ManifestObject } from '../../../lib/argocd';
import { findOne, render, testChart } from '../../util';

const deployment = (name: string, annotations?: Record<string, string>): ManifestObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace: 'apps', ...(annotations ? { annotations } : {}) },
});

describe('replicas managed by an autoscaler', () => {
  test('markReplicasManagedBy annotates the workload', () => {
    const chart = testChart();
    markReplicasManagedBy(new ApiObject(chart, 'web', { apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', metadata: { name: 'web' } }), 'keda');
    expect(findOne(render(chart), 'Rollout').metadata.annotations).toEqual({ [REPLICAS_MANAGED_BY_ANNOTATION]: 'keda' });
  });

  test('annotated workloads and the targets of HPAs and ScaledObjects, sorted; unrendered targets left out', () => {
    const objects: ManifestObject[] = [
      deployment('web', { [REPLICAS_MANAGED_BY_ANNOTATION]: 'hpa' }),
      deployment('worker'),
      deployment('static'),
      { apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', metadata: { name: 'api', namespace: 'apps' } },
      // KEDA defaults the target to an apps/v1 Deployment.
      { apiVersion: 'keda.sh/v1alpha1', kind: 'ScaledObject', metadata: { name: 'worker', namespace: 'apps' }, spec: { scaleTargetRef: { name: 'worker' } } },
      { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'api', namespace: 'apps' }, spec: { scaleTargetRef: { apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', name: 'api' } } },
      { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'gone', namespace: 'apps' }, spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'gone' } } },
    ];
    expect(autoscaledObjects(objects)).toEqual([
      { group: 'apps', kind: 'Deployment', name: 'web', namespace: 'apps' },
      { group: 'apps', kind: 'Deployment', name: 'worker', namespace: 'apps' },
      { group: 'argoproj.io', kind: 'Rollout', name: 'api', namespace: 'apps' },
    ]);
  });

  test('fails when the annotation names an unknown autoscaler', () => {
    expect(() => autoscaledObjects([deployment('web', { [REPLICAS_MANAGED_BY_ANNOTATION]: 'vpa' })])).toThrow(
      'Deployment apps/web: annotation platform.example.com/replicas-managed-by = "vpa": must be one of hpa, keda',
    );
  });
});

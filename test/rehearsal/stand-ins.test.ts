import type { ManifestObject } from '../../lib/argocd';
import { externalSecretStandIn, initialReplicasOf, prometheusOperatorStandIn, rolloutStandIn, STAND_IN_LABEL, STAND_IN_OWNER_LABEL, topOwnerOf } from '../../lib/rehearsal';

const prometheus: ManifestObject = {
  apiVersion: 'monitoring.coreos.com/v1',
  kind: 'Prometheus',
  metadata: { name: 'kps-prometheus', namespace: 'monitoring' },
  spec: {
    replicas: 2,
    resources: { requests: { cpu: '1', memory: '4Gi' } },
    tolerations: [{ key: 'CriticalAddonsOnly', operator: 'Exists', effect: 'NoSchedule' }],
    storage: { volumeClaimTemplate: { spec: { storageClassName: 'monitoring-gp3', resources: { requests: { storage: '200Gi' } } } } },
  },
};

describe('prometheusOperatorStandIn', () => {
  const sts = prometheusOperatorStandIn(prometheus, 'monitoring') as any;

  it('is a labelled StatefulSet with the resource\'s replicas, resources, tolerations and storage', () => {
    expect(sts.kind).toBe('StatefulSet');
    expect(sts.metadata).toEqual({ name: 'prometheus-kps-prometheus', namespace: 'monitoring', labels: { [STAND_IN_LABEL]: 'prometheus-operator' } });
    expect(sts.spec.replicas).toBe(2);
    expect(sts.spec.template.spec.containers[0].resources).toEqual({ requests: { cpu: '1', memory: '4Gi' } });
    expect(sts.spec.template.spec.tolerations).toEqual((prometheus.spec as any).tolerations);
    expect(sts.spec.volumeClaimTemplates).toEqual([{ metadata: { name: 'prometheus-kps-prometheus-db' }, spec: (prometheus.spec as any).storage.volumeClaimTemplate.spec }]);
  });

  it('marks its pods as belonging to the Prometheus resource', () => {
    const pod = { metadata: { namespace: 'monitoring', labels: sts.spec.template.metadata.labels, ownerReferences: [{ kind: 'StatefulSet', name: sts.metadata.name }] } };
    expect(topOwnerOf(pod, { pods: [], nodes: [], replicaSets: [], jobs: [] })).toEqual({ kind: 'Prometheus', namespace: 'monitoring', name: 'kps-prometheus' });
  });
});

describe('rolloutStandIn', () => {
  const rollout: ManifestObject = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', metadata: { name: 'api' }, spec: { selector: { matchLabels: { app: 'api' } }, template: { metadata: { labels: { app: 'api' } }, spec: { containers: [] } } } };

  it('is a ReplicaSet of the template whose pods name the Rollout', () => {
    const rs = rolloutStandIn(rollout, 'apps', 3) as any;
    expect(rs.spec.replicas).toBe(3);
    expect(rs.spec.template.metadata.labels).toEqual({ app: 'api', [STAND_IN_OWNER_LABEL]: 'Rollout.api' });
  });

  it('starts at the minimum of the HPA or ScaledObject scaling it when replicas are omitted', () => {
    const hpa = { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'api' }, spec: { scaleTargetRef: { kind: 'Rollout', name: 'api' }, minReplicas: 3 } };
    const scaledObject = { apiVersion: 'keda.sh/v1alpha1', kind: 'ScaledObject', metadata: { name: 'api' }, spec: { scaleTargetRef: { kind: 'Rollout', name: 'api' }, minReplicaCount: 0 } };
    expect(initialReplicasOf(rollout, [hpa])).toBe(3);
    expect(initialReplicasOf(rollout, [scaledObject])).toBe(0);
    expect(initialReplicasOf(rollout, [])).toBe(1);
  });
});

describe('externalSecretStandIn', () => {
  it('creates the target Secret with a placeholder per key, labelled as a stand-in', () => {
    const es: ManifestObject = { apiVersion: 'external-secrets.io/v1', kind: 'ExternalSecret', metadata: { name: 'db' }, spec: { target: { name: 'db-credentials' }, data: [{ secretKey: 'password' }, { secretKey: 'username' }] } };
    expect(externalSecretStandIn(es, 'apps')).toEqual({
      apiVersion: 'v1', kind: 'Secret', type: 'Opaque',
      metadata: { name: 'db-credentials', namespace: 'apps', labels: { [STAND_IN_LABEL]: 'external-secrets' } },
      stringData: { password: 'rehearsal-placeholder', username: 'rehearsal-placeholder' },
    });
  });
});

import { createHash } from 'node:crypto';
import type { ManifestObject } from '../argocd/resource-ref';
import type { KubeClient } from './kube-client';

/**
 * Label on everything the rehearsal creates in place of a component it does not run; the value
 * names the component stood in for.
 */
export const STAND_IN_LABEL = 'rehearsal.eks-platform/stand-in-for';

/**
 * The Secret an ExternalSecret would make External Secrets create (`spec.target.name`, default the
 * ExternalSecret's name), with each `spec.data[].secretKey` holding a placeholder. Pods that mount
 * it can start; nothing is read from any secret store.
 */
export function externalSecretStandIn(externalSecret: ManifestObject, namespace: string): ManifestObject {
  const spec = (externalSecret.spec ?? {}) as { target?: { name?: string; template?: { data?: Record<string, string> } }; data?: { secretKey: string }[] };
  const keys = [...(spec.data ?? []).map((d) => d.secretKey), ...Object.keys(spec.target?.template?.data ?? {})];
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: spec.target?.name ?? String(externalSecret.metadata?.name), namespace, labels: { [STAND_IN_LABEL]: 'external-secrets' } },
    type: 'Opaque',
    stringData: Object.fromEntries([...new Set(keys)].map((k) => [k, 'rehearsal-placeholder'])),
  } as ManifestObject;
}

/**
 * What the Argo Rollouts controller would create for a Rollout: a ReplicaSet of its pod template
 * (label `rollouts-pod-template-hash` omitted) with `replicas` pods.
 */
export function rolloutStandIn(rollout: ManifestObject, namespace: string, replicas: number): ManifestObject {
  const spec = (rollout.spec ?? {}) as { selector?: unknown; template?: { metadata?: { labels?: Record<string, string> } } };
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: `${rollout.metadata?.name}-stand-in`, namespace, labels: { [STAND_IN_LABEL]: 'argo-rollouts', 'rehearsal.eks-platform/rollout': String(rollout.metadata?.name) } },
    spec: { replicas, selector: spec.selector, template: { ...spec.template, metadata: { ...spec.template?.metadata, labels: { ...spec.template?.metadata?.labels, [STAND_IN_OWNER_LABEL]: `Rollout.${rollout.metadata?.name}` } } } },
  } as ManifestObject;
}

/** Pod label naming the object a stand-in's pods belong to, as `Kind.name` (label values cannot hold a slash). */
export const STAND_IN_OWNER_LABEL = 'rehearsal.eks-platform/owner';

/** Kinds whose pods the Prometheus operator would run as a StatefulSet. */
export const PROMETHEUS_OPERATOR_KINDS = ['Prometheus', 'Alertmanager'];

/**
 * What the Prometheus operator would create for a Prometheus or Alertmanager: a StatefulSet
 * `<kind>-<name>` with its replicas (× shards), resources, scheduling constraints, security context
 * and storage (`spec.storage.volumeClaimTemplate`), without the operator's sidecars.
 */
export function prometheusOperatorStandIn(object: ManifestObject, namespace: string): ManifestObject {
  const kind = object.kind.toLowerCase();
  const name = String(object.metadata?.name);
  const spec = (object.spec ?? {}) as Record<string, any>;
  const labels = { 'app.kubernetes.io/name': kind, [kind]: name, [STAND_IN_OWNER_LABEL]: `${object.kind}.${name}` };
  const claim = spec.storage?.volumeClaimTemplate;
  const claimName = claim?.metadata?.name ?? `${kind}-${name}-db`;
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: `${kind}-${name}`, namespace, labels: { [STAND_IN_LABEL]: 'prometheus-operator' } },
    spec: {
      replicas: (spec.replicas ?? 1) * (spec.shards ?? 1),
      serviceName: `${kind}-operated`,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          containers: [{ name: kind, image: spec.image ?? `quay.io/prometheus/${kind}`, resources: spec.resources ?? {}, ...(claim ? { volumeMounts: [{ name: claimName, mountPath: '/data' }] } : {}) }],
          ...pick(spec, ['nodeSelector', 'tolerations', 'affinity', 'topologySpreadConstraints', 'securityContext', 'priorityClassName', 'serviceAccountName']),
        },
      },
      ...(claim ? { volumeClaimTemplates: [{ metadata: { name: claimName }, spec: claim.spec }] } : {}),
    },
  } as ManifestObject;
}

function pick(from: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((k) => from[k] !== undefined).map((k) => [k, from[k]]));
}

/**
 * Replicas a Rollout runs at first: `spec.replicas`, else the minimum of the HPA or ScaledObject
 * that scales it (the HPA controller and KEDA would raise it to that), else 1.
 */
export function initialReplicasOf(rollout: ManifestObject, scalers: readonly ManifestObject[]): number {
  const explicit = (rollout.spec as { replicas?: number } | undefined)?.replicas;
  if (explicit !== undefined) return explicit;
  const name = rollout.metadata?.name;
  for (const s of scalers) {
    const spec = (s.spec ?? {}) as { scaleTargetRef?: { kind?: string; name?: string }; minReplicas?: number; minReplicaCount?: number };
    if (spec.scaleTargetRef?.name !== name || (spec.scaleTargetRef?.kind ?? 'Deployment') !== 'Rollout') continue;
    if (s.kind === 'HorizontalPodAutoscaler') return spec.minReplicas ?? 1;
    if (s.kind === 'ScaledObject') return spec.minReplicaCount ?? 0;
  }
  return 1;
}

/**
 * Stand-in for the EBS CSI driver: every unbound PVC of one of `storageClasses` that the scheduler
 * has given a node (`volume.kubernetes.io/selected-node`, WaitForFirstConsumer) or whose class binds
 * immediately gets a PersistentVolume pre-bound to it, in the selected node's zone, labelled as a
 * stand-in. The PV controller of kube-controller-manager then binds the pair. Returns the PVCs bound.
 */
export async function bindPendingClaims(client: KubeClient, storageClasses: ReadonlyMap<string, string>): Promise<string[]> {
  const claims = await client.list('/api/v1/persistentvolumeclaims');
  const bound: string[] = [];
  for (const pvc of claims) {
    if (pvc.status?.phase !== 'Pending' || pvc.spec?.volumeName) continue;
    const className: string | undefined = pvc.spec?.storageClassName;
    const mode = className === undefined ? undefined : storageClasses.get(className);
    if (mode === undefined) continue;
    const selectedNode: string | undefined = pvc.metadata?.annotations?.['volume.kubernetes.io/selected-node'];
    if (mode === 'WaitForFirstConsumer' && !selectedNode) continue;
    const zone = selectedNode ? (await client.get(`/api/v1/nodes/${selectedNode}`))?.metadata?.labels?.['topology.kubernetes.io/zone'] : undefined;
    const ns = pvc.metadata.namespace;
    const name = `pv-${createHash('sha256').update(`${ns}/${pvc.metadata.name}`).digest('hex').slice(0, 16)}`;
    await client.create('/api/v1/persistentvolumes', {
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name, labels: { [STAND_IN_LABEL]: 'aws-ebs-csi-driver' }, annotations: { 'pv.kubernetes.io/provisioned-by': 'rehearsal stand-in for ebs.csi.aws.com' } },
      spec: {
        capacity: { storage: pvc.spec?.resources?.requests?.storage ?? '1Gi' },
        accessModes: pvc.spec?.accessModes ?? ['ReadWriteOnce'],
        storageClassName: className,
        persistentVolumeReclaimPolicy: 'Delete',
        claimRef: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', namespace: ns, name: pvc.metadata.name, uid: pvc.metadata.uid },
        hostPath: { path: `/rehearsal/${name}` },
        ...(zone ? { nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'topology.kubernetes.io/zone', operator: 'In', values: [zone] }] }] } } } : {}),
      },
    });
    bound.push(`${ns}/${pvc.metadata.name}${zone ? ` (${zone})` : ''}`);
  }
  return bound;
}

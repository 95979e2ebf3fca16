import type { ManifestObject } from '../../lib/argocd';
import { INSTANCE_TYPES } from '../../lib/capacity/instance-types';
import { buildSyncPlan, type SyncPlan } from '../../lib/plan';
import type { SystemNodeGroup } from '../../lib/rehearsal';
import { SPOT_TAINT, SPOT_TOLERATION, SYSTEM_NODE_TAINT, SYSTEM_NODE_TOLERATION } from '../../lib/scheduling';
import { app, OPEN_PROJECT, project } from '../plan/plan-fixtures';

/** A deliberately broken variant of the small synthetic environment. */
export type Defect = 'controller-without-system-toleration' | 'statefulset-allowed-on-spot' | 'quota-too-small';

export const ZONES = ['test-1a', 'test-1b'];

export const SYSTEM_GROUP: SystemNodeGroup = {
  name: 'test-system',
  instanceType: 'm7g.large',
  architecture: 'arm64',
  size: 2,
  maxSize: 4,
  zones: ZONES,
  region: 'test-1',
  taints: [SYSTEM_NODE_TAINT],
  labels: { 'eks.amazonaws.com/nodegroup': 'test-system', 'eks.amazonaws.com/capacityType': 'ON_DEMAND' },
  allocatable: { cpu: '1930m', memory: '7200Mi', pods: '29', 'ephemeral-storage': '20Gi' },
};

/** A few families keep Karpenter's simulation small. */
export const INSTANCE_TABLE = INSTANCE_TYPES.filter((t) => ['m7g', 'm7i', 'c7g'].includes(t['karpenter.k8s.aws/instance-family']));

const RESOURCES = { requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '250m', memory: '256Mi' } };

function container(): Record<string, unknown> {
  return { name: 'main', image: 'registry.example.com/app:1.0.0', resources: RESOURCES };
}

function workload(kind: 'Deployment' | 'StatefulSet', name: string, ns: string, replicas: number, pod: Record<string, unknown>, extra: Record<string, unknown> = {}): ManifestObject {
  const labels = { 'app.kubernetes.io/name': name };
  return {
    apiVersion: 'apps/v1',
    kind,
    metadata: { name, namespace: ns },
    spec: { replicas, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [container()], ...pod } }, ...extra },
  };
}

const ns = (name: string): ManifestObject => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });

function quota(namespace: string, cpu: string): ManifestObject {
  return { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'compute', namespace }, spec: { hard: { 'limits.cpu': cpu, 'requests.cpu': cpu, 'limits.memory': '8Gi', 'requests.memory': '8Gi' } } };
}

function nodePool(name: string, capacityType: string, weight: number, taints: object[]): ManifestObject {
  return {
    apiVersion: 'karpenter.sh/v1',
    kind: 'NodePool',
    metadata: { name },
    spec: {
      weight,
      limits: { cpu: 32, memory: '128Gi' },
      disruption: { consolidationPolicy: 'WhenEmptyOrUnderutilized', consolidateAfter: '5m' },
      template: {
        spec: {
          nodeClassRef: { group: 'karpenter.k8s.aws', kind: 'EC2NodeClass', name: 'default' },
          taints,
          expireAfter: '720h',
          requirements: [
            { key: 'karpenter.sh/capacity-type', operator: 'In', values: [capacityType] },
            { key: 'kubernetes.io/arch', operator: 'In', values: ['arm64', 'amd64'] },
            { key: 'karpenter.k8s.aws/instance-category', operator: 'In', values: ['c', 'm'] },
            { key: 'karpenter.k8s.aws/instance-generation', operator: 'Gt', values: ['5'] },
          ],
        },
      },
    },
  };
}

/**
 * A small environment shaped like the platform: a controller synced before Karpenter (tolerating
 * the system taint), Karpenter, a spot and an on-demand NodePool, then a product namespace with a
 * stateless Deployment on spot (wave 5) and a StatefulSet with a volume on on-demand (wave 10).
 * `defect` breaks one thing.
 */
export function fixturePlan(defect?: Defect): SyncPlan {
  const controllerPod = defect === 'controller-without-system-toleration' ? {} : { tolerations: [SYSTEM_NODE_TOLERATION] };
  const statefulPod = defect === 'statefulset-allowed-on-spot'
    ? { tolerations: [SPOT_TOLERATION], nodeSelector: { 'karpenter.sh/capacity-type': 'spot' } }
    : { nodeSelector: { 'karpenter.sh/capacity-type': 'on-demand' } };
  const storageClass: ManifestObject = { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'gp3' }, provisioner: 'ebs.csi.aws.com', volumeBindingMode: 'WaitForFirstConsumer' } as ManifestObject;
  const children = [
    app('test-baseline', -10, [ns('controllers'), ns('shop'), quota('shop', defect === 'quota-too-small' ? '100m' : '4')]),
    app('test-controller', -6, [workload('Deployment', 'controller', 'controllers', 1, controllerPod)], { destinationNamespace: 'controllers' }),
    app('test-karpenter', -1, [workload('Deployment', 'karpenter', 'kube-system', 1, { tolerations: [SYSTEM_NODE_TOLERATION] })], { destinationNamespace: 'kube-system', chart: { name: 'karpenter', repository: 'oci://public.ecr.aws/karpenter', version: '1.14.1' } }),
    app('test-capacity', 0, [
      { apiVersion: 'karpenter.k8s.aws/v1', kind: 'EC2NodeClass', metadata: { name: 'default' }, spec: { role: 'node-role', amiSelectorTerms: [{ alias: 'al2023@latest' }], blockDeviceMappings: [{ deviceName: '/dev/xvda', rootVolume: true, ebs: { volumeSize: '50Gi' } }] } },
      nodePool('spot-stateless', 'spot', 50, [SPOT_TAINT]),
      nodePool('on-demand', 'on-demand', 10, []),
    ], { destinationNamespace: '' }),
    app('test-web', 5, [workload('Deployment', 'web', 'shop', 2, { tolerations: [SPOT_TOLERATION] })], { project: 'workloads', destinationNamespace: 'shop' }),
    app('test-db', 10, [storageClass, workload('StatefulSet', 'db', 'shop', 1, statefulPod, {
      serviceName: 'db',
      volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'gp3', resources: { requests: { storage: '10Gi' } } } }],
    })], { project: 'workloads', destinationNamespace: 'shop' }),
  ];
  const root = app('test-root', 0, [OPEN_PROJECT, project('workloads', { sourceRepos: ['*'], destinations: [{ server: '*', namespace: '*' }] })], { project: 'default', destinationNamespace: 'argocd' });
  return buildSyncPlan({ env: 'test', applications: [root, ...children], renderErrors: [] });
}

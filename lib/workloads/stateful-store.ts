import { assertRule, integerRule } from '../config/checks';
import { Size } from 'cdk8s';
import { k8s } from 'cdk8s-plus-29';
import type { Construct } from 'constructs';
import { WorkloadConstruct } from './workload-construct';
import { STATEFUL_LABEL } from '../scheduling';
import type { SecretKeyReference } from './container';
import { disruptionBudget } from './disruption-budget';
import { APP_NAME_LABEL } from './labels';
import { allowTraffic, type NetworkPeer, type NetworkTarget } from './network-access';
import type { CpuArchitecture } from './placement';
import { sizeQuantity, type WorkloadResources } from './units';
import { workloadPodTemplate, workloadServiceAccount } from './workload-pod';

/** Karpenter leaves nodes running pods with this annotation alone (no consolidation, no drift). */
const DO_NOT_DISRUPT_ANNOTATION = 'karpenter.sh/do-not-disrupt';

/**
 * What the concrete stores (`PostgresStore`, `RedisStore`) take in common; each adds its own
 * credentials and documents its defaults for `name`, `storage`, `resources` and `runAsUser`.
 */
export interface StatefulStoreOptions {
  /** StatefulSet, Service and `app.kubernetes.io/name`. @default - the store's own name (`postgres`, `redis`) */
  readonly name?: string;
  readonly namespace: string;
  /** Official image of the store with a pinned tag. */
  readonly image: string;
  /** StorageClass of the data volume (encrypted gp3). */
  readonly storageClassName: string;
  /** Size of the data volume. @default - the store's own size */
  readonly storage?: Size;
  /** Requests and limits. @default - the store's own sizing */
  readonly resources?: WorkloadResources;
  /** CPU architectures the image is built for. @default ['amd64', 'arm64'] */
  readonly architectures?: readonly CpuArchitecture[];
  /** UID (and GID, fsGroup) the store runs as. @default - the store's own high UID */
  readonly runAsUser?: number;
}

export interface StatefulStoreProps {
  /** Name of the StatefulSet, its headless Service, ServiceAccount and `app.kubernetes.io/name`. */
  readonly name: string;
  readonly namespace: string;
  /** Image with a pinned tag or digest, from a trusted registry. */
  readonly image: string;
  /** Port clients connect to. */
  readonly port: number;
  /** Name of the port (e.g. `redis`, `postgres`). */
  readonly portName: string;
  /** StorageClass of the data volume (e.g. `Gp3StorageClass.name`). */
  readonly storageClassName: string;
  /** Size of each replica's data volume. */
  readonly storage: Size;
  /** Where the data volume is mounted. */
  readonly dataPath: string;
  readonly resources: WorkloadResources;
  /** UID (and GID, fsGroup) the store runs as; the image must run as an arbitrary UID. */
  readonly runAsUser: number;
  readonly readinessProbe: k8s.Probe;
  readonly livenessProbe: k8s.Probe;
  /** @default - the image's */
  readonly command?: readonly string[];
  /** @default - the image's */
  readonly args?: readonly string[];
  /** @default {} */
  readonly env?: Readonly<Record<string, string>>;
  /** @default {} */
  readonly secretEnv?: Readonly<Record<string, SecretKeyReference>>;
  /** Secret keys mounted as files under `SECRET_FILES_DIR`, by file name. @default {} */
  readonly secretFiles?: Readonly<Record<string, SecretKeyReference>>;
  /** Replicas (each with its own volume). @default 1 */
  readonly replicas?: number;
  /** @default ['amd64', 'arm64'] */
  readonly architectures?: readonly CpuArchitecture[];
  /** @default true */
  readonly preferArm64?: boolean;
  /** Writable emptyDir paths besides the data volume. @default ['/tmp'] */
  readonly writablePaths?: readonly string[];
  /** Keep Karpenter from moving the pods voluntarily. @default true */
  readonly doNotDisrupt?: boolean;
  /** PodDisruptionBudget `maxUnavailable`. @default 1 */
  readonly maxUnavailable?: number;
  /** PodDisruptionBudget `minAvailable`; mutually exclusive with `maxUnavailable`. @default - unset */
  readonly minAvailable?: number;
  /** Extra pod template labels. @default {} */
  readonly labels?: Readonly<Record<string, string>>;
}

/**
 * A stateful store as a StatefulSet with a volume per replica, a headless Service, a
 * PodDisruptionBudget and restricted pods. It is labelled stateful and pinned to on-demand
 * capacity: it never tolerates spot.
 */
export class StatefulStore extends WorkloadConstruct implements NetworkTarget {
  public readonly port: number;
  /** DNS name clients connect to: `<name>.<namespace>.svc.cluster.local`. */
  public readonly host: string;

  constructor(scope: Construct, id: string, props: StatefulStoreProps) {
    super(scope, id, 'StatefulStore', props);
    const owner = this.owner;
    this.port = props.port;
    this.host = `${props.name}.${props.namespace}.svc.cluster.local`;
    const replicas = props.replicas ?? 1;
    assertRule(owner, 'replicas', replicas, integerRule(replicas, 1));
    if (!(props.storage.toMebibytes() >= 1024)) throw new Error(`${owner}: storage = ${props.storage.toMebibytes()}Mi: must be at least 1Gi (gp3 minimum)`);
    if (!props.dataPath.startsWith('/')) throw new Error(`${owner}: dataPath = ${props.dataPath}: must be an absolute path`);

    workloadServiceAccount(this, props.name, props.namespace, false);
    new k8s.KubeService(this, 'service', {
      metadata: { name: props.name, namespace: props.namespace, labels: { [APP_NAME_LABEL]: props.name } },
      spec: {
        clusterIp: 'None',
        selector: { ...this.selectorLabels },
        ports: [{ name: props.portName, port: props.port, targetPort: k8s.IntOrString.fromString(props.portName), protocol: 'TCP' }],
      },
    });

    const template = workloadPodTemplate(this, {
      owner,
      name: props.name,
      namespace: props.namespace,
      labels: { ...props.labels, [STATEFUL_LABEL]: 'true' },
      annotations: (props.doNotDisrupt ?? true) ? { [DO_NOT_DISRUPT_ANNOTATION]: 'true' } : undefined,
      automountServiceAccountToken: false,
      runAsUser: props.runAsUser,
      container: {
        image: props.image,
        port: props.port,
        portName: props.portName,
        command: props.command,
        args: props.args,
        env: props.env,
        secretEnv: props.secretEnv,
        secretFiles: props.secretFiles,
        resources: props.resources,
        readinessProbe: props.readinessProbe,
        livenessProbe: props.livenessProbe,
        writablePaths: props.writablePaths,
        volumeMounts: [{ name: 'data', mountPath: props.dataPath }],
      },
      // No spot toleration: pinned to on-demand nodes.
      placement: { architectures: props.architectures ?? ['amd64', 'arm64'], preferArm64: props.preferArm64 ?? true, spot: false, spreadSelector: replicas > 1 ? this.selectorLabels : undefined },
    });

    new k8s.KubeStatefulSet(this, 'stateful-set', {
      metadata: { name: props.name, namespace: props.namespace, labels: { ...props.labels, [APP_NAME_LABEL]: props.name, [STATEFUL_LABEL]: 'true' } },
      spec: {
        serviceName: props.name,
        replicas,
        selector: { matchLabels: { ...this.selectorLabels } },
        template,
        volumeClaimTemplates: [
          {
            metadata: { name: 'data', labels: { [APP_NAME_LABEL]: props.name } },
            spec: {
              accessModes: ['ReadWriteOnce'],
              storageClassName: props.storageClassName,
              resources: { requests: { storage: sizeQuantity(props.storage) } },
            },
          },
        ],
        // Scale-down or deletion of the StatefulSet keeps the volumes.
        persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
      },
    });

    disruptionBudget(this, owner, this, { minAvailable: props.minAvailable, maxUnavailable: props.maxUnavailable });
  }

  /** Lets `peer` connect to the store. */
  public allowFrom(peer: NetworkPeer): void {
    allowTraffic(peer, this);
  }
}

import type { SecretKeyReference } from './container';
import type { CpuArchitecture } from './placement';
import type { SqsQueue } from './sqs-queue';
import type { WorkloadResources } from './units';

/**
 * What every workload construct takes (`WebService`, `QueueWorker`, `QueueJob`): identity, image,
 * placement, sizing, environment and pod security. Each construct's props extend it and add their
 * own; defaults are the same everywhere except `resources`, which each construct documents.
 */
export interface WorkloadOptions {
  /** Name of the workload, its ServiceAccount and `app.kubernetes.io/name`. */
  readonly name: string;
  readonly namespace: string;
  /** Image with a pinned tag or digest, from a trusted registry. */
  readonly image: string;
  /** CPU architectures the image is built for. @default ['amd64', 'arm64'] */
  readonly architectures?: readonly CpuArchitecture[];
  /** Prefer Graviton (arm64) nodes when the image is multi-arch. @default true */
  readonly preferArm64?: boolean;
  /** Requests and limits. @default - the construct's own sizing (see its props) */
  readonly resources?: WorkloadResources;
  /** @default {} */
  readonly env?: Readonly<Record<string, string>>;
  /** Environment variables from Secrets. @default {} */
  readonly secretEnv?: Readonly<Record<string, SecretKeyReference>>;
  /** Secret keys mounted as files under `SECRET_FILES_DIR`, by file name. @default {} */
  readonly secretFiles?: Readonly<Record<string, SecretKeyReference>>;
  /** Interruption-tolerant: may run on spot capacity. @default true */
  readonly spot?: boolean;
  /** UID the pod runs as. @default 10001 */
  readonly runAsUser?: number;
  /** Writable emptyDir paths (the root filesystem is read-only). @default ['/tmp'] */
  readonly writablePaths?: readonly string[];
  /** Extra labels for the pod template. @default {} */
  readonly labels?: Readonly<Record<string, string>>;
}

/** What long-running workloads add (`WebService`, `QueueWorker`): health, metrics, disruption. */
export interface ServingWorkloadOptions extends WorkloadOptions {
  /** Path answering 200 when ready: readiness (and ALB health checks). @default '/healthz' */
  readonly healthCheckPath?: string;
  /**
   * Path of a cheap liveness endpoint (no dependency checks), distinct from `healthCheckPath`.
   * @default - liveness is a TCP connect to the container's port
   */
  readonly livenessCheckPath?: string;
  /** Port serving Prometheus metrics (scraped by the application PodMonitor). @default 9090 */
  readonly metricsPort?: number;
  /** Autoscaling ceiling. @default 10 */
  readonly maxReplicas?: number;
  /** Mount a Kubernetes API token. @default false */
  readonly automountServiceAccountToken?: boolean;
  /** PodDisruptionBudget `minAvailable`; mutually exclusive with `maxUnavailable`, contradicts scaling to zero. @default - unset */
  readonly minAvailable?: number;
  /** PodDisruptionBudget `maxUnavailable`. @default 1 */
  readonly maxUnavailable?: number;
}

/** What the queue consumers add (`QueueWorker`, `QueueJob`). */
export interface QueueConsumerOptions {
  /** The queue consumed; its URL and region reach the container as QUEUE_URL and AWS_REGION. */
  readonly queue: SqsQueue;
}

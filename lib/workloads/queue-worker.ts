import { assertRule, integerRule } from '../config/checks';
import type { ServingWorkloadOptions } from './workload-options';
import { Duration, Size } from 'cdk8s';
import { Cpu, k8s } from 'cdk8s-plus-29';
import { Construct } from 'constructs';
import { SCRAPE_LABEL } from '../observability/metrics-contract';
import { Autoscaling } from './autoscaling';
import { AwsTriggerAuthentication } from './aws-trigger-authentication';
import { httpProbe, livenessProbeOf } from './container';
import { checkScaleToZeroBudget, disruptionBudget } from './disruption-budget';
import { APP_NAME_LABEL, selectorLabels } from './labels';
import { allowAwsApiEgress, allowEgressToCidr, allowEgressToNamespace, type NetworkPeer } from './network-access';
import { sqsTriggerMetadata, type SqsQueue } from './sqs-queue';
import type { WorkloadResources } from './units';
import { workloadPodTemplate, workloadServiceAccount } from './workload-pod';

export interface QueueWorkerProps extends ServingWorkloadOptions {
  /** The queue consumed; its URL and region reach the container as QUEUE_URL and AWS_REGION. */
  readonly queue: SqsQueue;
  /** Visible messages one replica should handle (KEDA `queueLength`). @default 5 */
  readonly messagesPerReplica?: number;
  /** Messages at which the worker wakes from zero (KEDA `activationQueueLength`). @default 0 */
  readonly activationMessages?: number;
  /** Replicas while the queue is empty; 0 scales to zero. @default 0 */
  readonly minReplicas?: number;
  /** Port of the health endpoint (named `http`). @default 8080 */
  readonly healthPort?: number;
  /** @default 100m/128Mi requested, 500m/512Mi limit */
  readonly resources?: WorkloadResources;
  /** Time to finish the message in hand after SIGTERM. @default Duration.seconds(60) */
  readonly terminationGracePeriod?: Duration;
}

const DEFAULT_RESOURCES: WorkloadResources = {
  cpu: { request: Cpu.millis(100), limit: Cpu.millis(500) },
  memory: { request: Size.mebibytes(128), limit: Size.mebibytes(512) },
};

/**
 * A Deployment that consumes an SQS queue, scaled by KEDA on the queue's depth (`aws-sqs-queue`),
 * to zero when the queue is empty. KEDA reads the queue with its own EKS Pod Identity; the
 * worker's ServiceAccount gets its own Pod Identity association for consuming messages.
 */
export class QueueWorker extends Construct implements NetworkPeer {
  public readonly name: string;
  public readonly namespace: string;
  public readonly selectorLabels: Readonly<Record<string, string>>;
  public readonly queue: SqsQueue;
  public readonly serviceAccountName: string;

  constructor(scope: Construct, id: string, props: QueueWorkerProps) {
    super(scope, id);
    const owner = `QueueWorker ${props.name}`;
    this.name = props.name;
    this.namespace = props.namespace;
    this.selectorLabels = selectorLabels(props.name);
    this.queue = props.queue;
    this.serviceAccountName = props.name;
    const minReplicas = props.minReplicas ?? 0;
    const messagesPerReplica = props.messagesPerReplica ?? 5;
    const activationMessages = props.activationMessages ?? 0;
    assertRule(owner, 'messagesPerReplica', messagesPerReplica, integerRule(messagesPerReplica, 1));
    assertRule(owner, 'activationMessages', activationMessages, integerRule(activationMessages, 0));
    const healthPort = props.healthPort ?? 8080;
    const healthCheckPath = props.healthCheckPath ?? '/healthz';

    workloadServiceAccount(this, props.name, props.namespace, props.automountServiceAccountToken ?? false);
    const template = workloadPodTemplate(this, {
      owner,
      name: props.name,
      namespace: props.namespace,
      labels: { ...props.labels, [SCRAPE_LABEL]: 'true' },
      automountServiceAccountToken: props.automountServiceAccountToken ?? false,
      runAsUser: props.runAsUser ?? 10001,
      terminationGracePeriodSeconds: (props.terminationGracePeriod ?? Duration.seconds(60)).toSeconds(),
      container: {
        image: props.image,
        port: healthPort,
        metricsPort: props.metricsPort ?? 9090,
        env: { ...props.env, QUEUE_URL: props.queue.url, AWS_REGION: props.queue.region },
        secretEnv: props.secretEnv,
        secretFiles: props.secretFiles,
        resources: props.resources ?? DEFAULT_RESOURCES,
        readinessProbe: httpProbe(healthCheckPath),
        livenessProbe: livenessProbeOf(owner, healthCheckPath, props.livenessCheckPath),
        writablePaths: props.writablePaths,
      },
      placement: {
        architectures: props.architectures ?? ['amd64', 'arm64'],
        preferArm64: props.preferArm64 ?? true,
        spot: props.spot ?? true,
      },
    });

    const deployment = new k8s.KubeDeployment(this, 'deployment', {
      metadata: { name: props.name, namespace: props.namespace, labels: { ...props.labels, [APP_NAME_LABEL]: props.name } },
      // No replicas: KEDA owns the count.
      spec: { revisionHistoryLimit: 3, selector: { matchLabels: { ...this.selectorLabels } }, template },
    });

    const minAvailable = disruptionBudget(this, owner, this, { minAvailable: props.minAvailable, maxUnavailable: props.maxUnavailable });
    if (minReplicas === 0) checkScaleToZeroBudget(owner, minAvailable, 'minReplicas = 0 scales it to zero on an empty queue');

    const authentication = new AwsTriggerAuthentication(this, 'aws-authentication', { name: `${props.name}-aws`, namespace: props.namespace });
    const autoscaling = new Autoscaling(this, 'autoscaling', { owner, target: deployment, minReplicas, maxReplicas: props.maxReplicas ?? 10 });
    autoscaling.addKedaTrigger(
      { type: 'aws-sqs-queue', name: 'sqs-queue', metadata: sqsTriggerMetadata(props.queue, messagesPerReplica, activationMessages), authenticationName: authentication.name },
      'the queue trigger',
    );
  }

  /** Lets the worker reach AWS APIs (HTTPS) and the Pod Identity Agent for its credentials. */
  public allowAwsApis(): void {
    allowAwsApiEgress(this);
  }

  /** Lets the worker connect to an address range on one port (e.g. an Aurora endpoint). */
  public allowEgressTo(cidr: string, port: number, label: string): void {
    allowEgressToCidr(this, cidr, port, label);
  }

  /** Lets the worker connect to every pod of `namespace` on one port (e.g. the telemetry collector). */
  public allowEgressToNamespace(namespace: string, port: number): void {
    allowEgressToNamespace(this, namespace, port);
  }
}

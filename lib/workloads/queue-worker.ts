import { assertRule, integerRule } from '../config/checks';
import type { QueueConsumerOptions, ServingWorkloadOptions } from './workload-options';
import { Duration, Size } from 'cdk8s';
import { Cpu, k8s } from 'cdk8s-plus-29';
import type { Construct } from 'constructs';
import { WorkloadConstruct } from './workload-construct';
import { Autoscaling } from './autoscaling';
import { AwsTriggerAuthentication } from './aws-trigger-authentication';
import { httpProbe, livenessProbeOf } from './container';
import { checkScaleToZeroBudget, disruptionBudget } from './disruption-budget';
import { APP_NAME_LABEL } from './labels';
import { allowAwsApiEgress, allowEgressToCidr, allowEgressToNamespace } from './network-access';
import { sqsTriggerMetadata, type SqsQueue } from './sqs-queue';
import type { WorkloadResources } from './units';
import { servingPodOptions, workloadPodTemplate, workloadServiceAccount } from './workload-pod';

/** `resources` defaults to 100m/128Mi requested, 500m/512Mi limit. */
export interface QueueWorkerProps extends ServingWorkloadOptions, QueueConsumerOptions {
  /** Visible messages one replica should handle (KEDA `queueLength`). @default 5 */
  readonly messagesPerReplica?: number;
  /** Messages at which the worker wakes from zero (KEDA `activationQueueLength`). @default 0 */
  readonly activationMessages?: number;
  /** Replicas while the queue is empty; 0 scales to zero. @default 0 */
  readonly minReplicas?: number;
  /** Port of the health endpoint (named `http`). @default 8080 */
  readonly healthPort?: number;
  /** Time to finish the message in hand after SIGTERM. @default Duration.seconds(60) */
  readonly terminationGracePeriod?: Duration;
}

const DEFAULT_RESOURCES: WorkloadResources = { cpu: { request: Cpu.millis(100), limit: Cpu.millis(500) }, memory: { request: Size.mebibytes(128), limit: Size.mebibytes(512) } };

/**
 * A Deployment that consumes an SQS queue, scaled by KEDA on the queue's depth (`aws-sqs-queue`),
 * to zero when the queue is empty. KEDA reads the queue with its own EKS Pod Identity; the
 * worker's ServiceAccount gets its own Pod Identity association for consuming messages.
 */
export class QueueWorker extends WorkloadConstruct {
  public readonly queue: SqsQueue;
  public readonly serviceAccountName: string;

  constructor(scope: Construct, id: string, props: QueueWorkerProps) {
    super(scope, id, 'QueueWorker', props);
    const owner = this.owner;
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
      ...servingPodOptions(owner, props),
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

import { assertRule, integerRule } from '../config/checks';
import type { QueueConsumerOptions, WorkloadOptions } from './workload-options';
import { ApiObject, Duration, Size } from 'cdk8s';
import { Cpu, k8s } from 'cdk8s-plus-29';
import type { Construct } from 'constructs';
import { WorkloadConstruct } from './workload-construct';
import { ScaledJob } from '../../imports/keda-keda.sh';
import { AwsTriggerAuthentication } from './aws-trigger-authentication';
import { APP_NAME_LABEL } from './labels';
import { allowAwsApiEgress } from './network-access';
import { sqsTriggerMetadata } from './sqs-queue';
import type { WorkloadResources } from './units';
import { workloadPodTemplate, workloadServiceAccount } from './workload-pod';

/** `resources` defaults to 250m/256Mi requested, 1/1Gi limit. */
export interface QueueJobProps extends WorkloadOptions, QueueConsumerOptions {
  /** Messages one Job handles (KEDA `queueLength`). @default 1 */
  readonly messagesPerJob?: number;
  /** Jobs running at once, at most. @default 10 */
  readonly maxJobs?: number;
  /** A Job is failed after this long. @default Duration.hours(1) */
  readonly activeDeadline?: Duration;
  /** Retries of a failed pod. @default 2 */
  readonly backoffLimit?: number;
}

const DEFAULT_RESOURCES: WorkloadResources = { cpu: { request: Cpu.millis(250), limit: Cpu.units(1) }, memory: { request: Size.mebibytes(256), limit: Size.gibibytes(1) } };

/**
 * Batch variant of QueueWorker: a KEDA ScaledJob that starts one Kubernetes Job per
 * `messagesPerJob` visible SQS messages, none while the queue is empty. Jobs run to completion,
 * so they carry no probes.
 */
export class QueueJob extends WorkloadConstruct {
  public readonly serviceAccountName: string;

  constructor(scope: Construct, id: string, props: QueueJobProps) {
    super(scope, id, 'QueueJob', props);
    const owner = this.owner;
    this.serviceAccountName = props.name;
    const messagesPerJob = props.messagesPerJob ?? 1;
    const maxJobs = props.maxJobs ?? 10;
    const backoffLimit = props.backoffLimit ?? 2;
    for (const [field, value, min] of [['messagesPerJob', messagesPerJob, 1], ['maxJobs', maxJobs, 1], ['backoffLimit', backoffLimit, 0]] as const) {
      assertRule(owner, field, value, integerRule(value, min));
    }

    workloadServiceAccount(this, props.name, props.namespace, false);
    const template = workloadPodTemplate(this, {
      owner,
      name: props.name,
      namespace: props.namespace,
      labels: props.labels,
      automountServiceAccountToken: false,
      runAsUser: props.runAsUser ?? 10001,
      restartPolicy: 'Never',
      container: {
        image: props.image,
        env: { ...props.env, QUEUE_URL: props.queue.url, AWS_REGION: props.queue.region },
        secretEnv: props.secretEnv,
        secretFiles: props.secretFiles,
        resources: props.resources ?? DEFAULT_RESOURCES,
        writablePaths: props.writablePaths,
      },
      placement: { architectures: props.architectures ?? ['amd64', 'arm64'], preferArm64: props.preferArm64 ?? true, spot: props.spot ?? true },
    });
    const jobSpec: k8s.JobSpec = {
      activeDeadlineSeconds: (props.activeDeadline ?? Duration.hours(1)).toSeconds(),
      backoffLimit,
      template,
    };

    const authentication = new AwsTriggerAuthentication(this, 'aws-authentication', { name: `${props.name}-aws`, namespace: props.namespace });
    // The job template is a core JobSpec; it is rendered with the core types, the rest as ScaledJob.
    new ApiObject(this, 'scaled-job', {
      ...ScaledJob.GVK,
      metadata: { name: props.name, namespace: props.namespace, labels: { ...props.labels, [APP_NAME_LABEL]: props.name } },
      spec: {
        jobTargetRef: k8s.toJson_JobSpec(jobSpec),
        pollingInterval: 30,
        maxReplicaCount: maxJobs,
        successfulJobsHistoryLimit: 3,
        failedJobsHistoryLimit: 5,
        triggers: [
          {
            type: 'aws-sqs-queue',
            name: 'sqs-queue',
            metadata: sqsTriggerMetadata(props.queue, messagesPerJob, 0),
            authenticationRef: { name: authentication.name },
          },
        ],
      },
    });
  }

  /** Lets the jobs reach AWS APIs (HTTPS) and the Pod Identity Agent for their credentials. */
  public allowAwsApis(): void {
    allowAwsApiEgress(this);
  }
}

import { SqsQueue } from '@cdktn/provider-aws/lib/sqs-queue';
import { SqsQueuePolicy } from '@cdktn/provider-aws/lib/sqs-queue-policy';
import { Construct } from 'constructs';
import { denyInsecureTransport, policyDocument } from '../aws/policy-document';

export interface WorkQueueProps {
  readonly queueName: string;
  /**
   * Seconds a received message stays invisible to other consumers; longer than one job takes.
   * @default 60
   */
  readonly visibilityTimeoutSeconds?: number;
  /**
   * Receives before a message moves to the dead-letter queue `<queueName>-dlq`.
   * @default 5
   */
  readonly maxReceiveCount?: number;
}

/**
 * A job queue with a dead-letter queue: both encrypted at rest (SQS-managed keys) and refusing
 * non-TLS requests. Poison messages land in the DLQ (kept 14 days) instead of cycling forever.
 */
export class WorkQueue extends Construct {
  public readonly queue: SqsQueue;
  public readonly deadLetterQueue: SqsQueue;

  constructor(scope: Construct, id: string, props: WorkQueueProps) {
    super(scope, id);
    const visibilityTimeoutSeconds = props.visibilityTimeoutSeconds ?? 60;
    const maxReceiveCount = props.maxReceiveCount ?? 5;
    if (!/^[\w-]{1,76}$/.test(props.queueName)) {
      throw new Error(`WorkQueue ${id}: queueName = ${props.queueName}: must be 1-76 letters, digits, hyphens or underscores (SQS allows 80, the -dlq suffix takes 4)`);
    }
    if (!Number.isInteger(visibilityTimeoutSeconds) || visibilityTimeoutSeconds < 0 || visibilityTimeoutSeconds > 43200) {
      throw new Error(`WorkQueue ${id}: visibilityTimeoutSeconds = ${visibilityTimeoutSeconds}: must be an integer from 0 to 43200 (SQS rule)`);
    }
    if (!Number.isInteger(maxReceiveCount) || maxReceiveCount < 1 || maxReceiveCount > 1000) {
      throw new Error(`WorkQueue ${id}: maxReceiveCount = ${maxReceiveCount}: must be an integer from 1 to 1000 (SQS rule)`);
    }

    this.deadLetterQueue = new SqsQueue(this, 'dead-letter-queue', {
      name: `${props.queueName}-dlq`,
      messageRetentionSeconds: 1209600,
      sqsManagedSseEnabled: true,
    });
    this.queue = new SqsQueue(this, 'queue', {
      name: props.queueName,
      visibilityTimeoutSeconds,
      sqsManagedSseEnabled: true,
      redrivePolicy: JSON.stringify({ deadLetterTargetArn: this.deadLetterQueue.arn, maxReceiveCount }),
    });
    for (const [policyId, queue] of [['queue-policy', this.queue], ['dead-letter-queue-policy', this.deadLetterQueue]] as const) {
      new SqsQueuePolicy(this, policyId, { queueUrl: queue.url, policy: policyDocument([denyInsecureTransport('sqs:*', queue.arn)]) });
    }
  }

  public get arn(): string {
    return this.queue.arn;
  }

  public get url(): string {
    return this.queue.url;
  }
}

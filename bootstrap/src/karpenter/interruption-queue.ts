import { CloudwatchEventRule } from '@cdktn/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktn/provider-aws/lib/cloudwatch-event-target';
import { SqsQueue } from '@cdktn/provider-aws/lib/sqs-queue';
import { SqsQueuePolicy } from '@cdktn/provider-aws/lib/sqs-queue-policy';
import { Construct } from 'constructs';
import { AWS_NAME_LIMITS, type InterruptionRuleSuffix } from '../../../environments/names';
import { denyInsecureTransport, policyDocument } from '../aws/policy-document';

/** One EventBridge rule Karpenter's interruption handling needs: event source and detail-type. */
export interface InterruptionEvent {
  /** Suffix of the rule name (the environment rules size cluster names by these). */
  readonly id: InterruptionRuleSuffix;
  readonly source: string;
  readonly detailType: string;
}

/**
 * The events Karpenter 1.14 consumes from its interruption queue, as its getting-started
 * CloudFormation template routes them. The detail-types must match AWS's spelling exactly, or the
 * rule silently never fires.
 */
export const KARPENTER_INTERRUPTION_EVENTS: readonly InterruptionEvent[] = [
  { id: 'health', source: 'aws.health', detailType: 'AWS Health Event' },
  { id: 'spot-interruption', source: 'aws.ec2', detailType: 'EC2 Spot Instance Interruption Warning' },
  { id: 'rebalance', source: 'aws.ec2', detailType: 'EC2 Instance Rebalance Recommendation' },
  { id: 'state-change', source: 'aws.ec2', detailType: 'EC2 Instance State-change Notification' },
  { id: 'capacity-reservation', source: 'aws.ec2', detailType: 'EC2 Capacity Reservation Instance Interruption Warning' },
];

export interface InterruptionQueueProps {
  /** SQS queue name (Karpenter's `settings.interruptionQueue`). */
  readonly queueName: string;
  /**
   * Prefix of the EventBridge rule names (at most 64 characters with the event suffix).
   * @default queueName
   */
  readonly ruleNamePrefix?: string;
}

/**
 * Karpenter's interruption queue: EventBridge rules for spot interruptions, rebalance
 * recommendations, instance state changes, AWS Health and capacity reservation events deliver to
 * an encrypted SQS queue that keeps messages for five minutes (older events are stale) and
 * refuses non-TLS access.
 */
export class InterruptionQueue extends Construct {
  public readonly queue: SqsQueue;
  public readonly rules: CloudwatchEventRule[] = [];
  public readonly queueName: string;

  constructor(scope: Construct, id: string, props: InterruptionQueueProps) {
    super(scope, id);
    const prefix = props.ruleNamePrefix ?? props.queueName;
    if (!/^[\w-]+$/.test(props.queueName) || props.queueName.length > AWS_NAME_LIMITS.sqsQueue) {
      throw new Error(`InterruptionQueue ${id}: queueName = ${props.queueName}: must be 1-${AWS_NAME_LIMITS.sqsQueue} letters, digits, hyphens or underscores (SQS rule)`);
    }
    const longest = Math.max(...KARPENTER_INTERRUPTION_EVENTS.map((e) => e.id.length)) + prefix.length + 1;
    if (longest > AWS_NAME_LIMITS.eventBridgeRule) {
      throw new Error(
        `InterruptionQueue ${id}: ruleNamePrefix = ${prefix}: rule names would reach ${longest} characters, EventBridge allows ${AWS_NAME_LIMITS.eventBridgeRule}; pass a shorter ruleNamePrefix`,
      );
    }
    this.queueName = props.queueName;

    this.queue = new SqsQueue(this, 'queue', {
      name: props.queueName,
      messageRetentionSeconds: 300,
      sqsManagedSseEnabled: true,
    });
    new SqsQueuePolicy(this, 'policy', {
      queueUrl: this.queue.url,
      policy: policyDocument([
        {
          Sid: 'EventBridgeDeliversInterruptionEvents',
          Effect: 'Allow',
          Principal: { Service: ['events.amazonaws.com', 'sqs.amazonaws.com'] },
          Action: 'sqs:SendMessage',
          Resource: this.queue.arn,
        },
        denyInsecureTransport('sqs:*', this.queue.arn),
      ]),
    });

    for (const event of KARPENTER_INTERRUPTION_EVENTS) {
      const rule = new CloudwatchEventRule(this, `rule-${event.id}`, {
        name: `${prefix}-${event.id}`,
        description: `Karpenter interruption handling: ${event.detailType}`,
        eventPattern: JSON.stringify({ 'source': [event.source], 'detail-type': [event.detailType] }),
      });
      new CloudwatchEventTarget(this, `target-${event.id}`, { rule: rule.name, targetId: 'KarpenterInterruptionQueue', arn: this.queue.arn });
      this.rules.push(rule);
    }
  }

  public get arn(): string {
    return this.queue.arn;
  }

  public get url(): string {
    return this.queue.url;
  }
}

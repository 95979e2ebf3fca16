import { SqsQueue } from '@cdktn/provider-aws/lib/sqs-queue';
import { InterruptionQueue, KARPENTER_INTERRUPTION_EVENTS } from '../../src/karpenter/interruption-queue';
import { INTERRUPTION_RULE_SUFFIXES } from '../../../environments/names';
import { all, only, policyOf, synthScope } from '../util';

const queue = () => synthScope((scope) => new InterruptionQueue(scope, 'interruptions', { queueName: 'demo-karpenter-interruptions' }));

describe('InterruptionQueue', () => {
  test('renders the queue, its policy and one rule and target per event', () => {
    expect(queue()).toMatchSnapshot();
  });

  test('routes exactly the events Karpenter 1.14 documents, spelled as AWS emits them', () => {
    const patterns = all(queue(), 'aws_cloudwatch_event_rule').map((r) => JSON.parse(r.event_pattern));
    expect(patterns.map((p) => p['detail-type'][0]).sort()).toEqual([
      'AWS Health Event',
      'EC2 Capacity Reservation Instance Interruption Warning',
      'EC2 Instance Rebalance Recommendation',
      'EC2 Instance State-change Notification',
      'EC2 Spot Instance Interruption Warning',
    ]);
    for (const pattern of patterns) {
      expect(pattern.source).toEqual([pattern['detail-type'][0] === 'AWS Health Event' ? 'aws.health' : 'aws.ec2']);
    }
    expect(KARPENTER_INTERRUPTION_EVENTS).toHaveLength(5);
  });

  test('names its rules with exactly the suffixes the cluster-name limit is derived from', () => {
    expect(KARPENTER_INTERRUPTION_EVENTS.map((e) => e.id).sort()).toEqual([...INTERRUPTION_RULE_SUFFIXES].sort());
  });

  test('targets the queue from every rule', () => {
    const json = queue();
    const targets = all(json, 'aws_cloudwatch_event_target');
    expect(targets).toHaveLength(5);
    for (const target of targets) expect(target.arn).toMatch(/^\$\{aws_sqs_queue\..*\.arn\}$/);
  });

  test('encrypts at rest and keeps messages five minutes', () => {
    expect(queue()).toHaveResourceWithProperties(SqsQueue, { name: 'demo-karpenter-interruptions', message_retention_seconds: 300, sqs_managed_sse_enabled: true });
  });

  test('accepts messages from EventBridge and SQS and denies non-TLS access', () => {
    const policy = policyOf(only(queue(), 'aws_sqs_queue_policy'));
    expect(policy.Statement[0]).toMatchObject({
      Effect: 'Allow',
      Principal: { Service: ['events.amazonaws.com', 'sqs.amazonaws.com'] },
      Action: 'sqs:SendMessage',
    });
    expect(policy.Statement[1]).toMatchObject({ Effect: 'Deny', Principal: '*', Action: 'sqs:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } });
  });

  test('fails when rule names would exceed the EventBridge limit', () => {
    expect(() => synthScope((scope) => new InterruptionQueue(scope, 'q', { queueName: 'q', ruleNamePrefix: 'p'.repeat(50) }))).toThrow(
      `InterruptionQueue q: ruleNamePrefix = ${'p'.repeat(50)}: rule names would reach 71 characters, EventBridge allows 64; pass a shorter ruleNamePrefix`,
    );
  });

  test('fails when the queue name breaks the SQS rule', () => {
    expect(() => synthScope((scope) => new InterruptionQueue(scope, 'q', { queueName: 'bad name' }))).toThrow(
      'InterruptionQueue q: queueName = bad name: must be 1-80 letters, digits, hyphens or underscores (SQS rule)',
    );
  });
});

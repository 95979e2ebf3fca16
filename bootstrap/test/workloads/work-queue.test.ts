import { SqsQueue } from '@cdktn/provider-aws/lib/sqs-queue';
import { WorkQueue } from '../../src/workloads/work-queue';
import { all, policyOf, synthScope } from '../util';

const json = () => synthScope((scope) => new WorkQueue(scope, 'orders', { queueName: 'demo-orders' }));

describe('WorkQueue', () => {
  test('renders the queue and its dead-letter queue', () => {
    expect(json()).toMatchSnapshot();
  });

  test('encrypts both queues and moves poison messages to the dead-letter queue', () => {
    const synthesized = json();
    expect(synthesized).toHaveResourceWithProperties(SqsQueue, { name: 'demo-orders-dlq', message_retention_seconds: 1209600, sqs_managed_sse_enabled: true });
    const queue = all(synthesized, 'aws_sqs_queue').find((q) => q.name === 'demo-orders')!;
    expect(queue.sqs_managed_sse_enabled).toBe(true);
    expect(JSON.parse(queue.redrive_policy)).toEqual({ deadLetterTargetArn: expect.stringMatching(/aws_sqs_queue\.orders_dead-letter-queue/), maxReceiveCount: 5 });
  });

  test('denies non-TLS access to both queues', () => {
    const policies = all(json(), 'aws_sqs_queue_policy').map((p) => policyOf(p).Statement);
    expect(policies).toHaveLength(2);
    for (const statements of policies) expect(statements).toEqual([expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]);
  });

  test('fails when the receive count is outside SQS limits', () => {
    expect(() => synthScope((scope) => new WorkQueue(scope, 'q', { queueName: 'q', maxReceiveCount: 0 }))).toThrow(
      'WorkQueue q: maxReceiveCount = 0: must be an integer from 1 to 1000 (SQS rule)',
    );
  });

  test('fails when the visibility timeout is outside SQS limits', () => {
    expect(() => synthScope((scope) => new WorkQueue(scope, 'q', { queueName: 'q', visibilityTimeoutSeconds: 50000 }))).toThrow(
      'WorkQueue q: visibilityTimeoutSeconds = 50000: must be an integer from 0 to 43200 (SQS rule)',
    );
  });

  test('fails when the name leaves no room for the dead-letter suffix', () => {
    expect(() => synthScope((scope) => new WorkQueue(scope, 'q', { queueName: 'q'.repeat(77) }))).toThrow(`WorkQueue q: queueName = ${'q'.repeat(77)}: must be 1-76 letters`);
  });
});

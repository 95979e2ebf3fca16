import type { PolicyStatement } from '../aws/policy-document';

/** KEDA's operator reads the depth of the queues it scales on, and nothing else. */
export function kedaQueueReaderStatements(queueArns: readonly string[]): PolicyStatement[] {
  if (queueArns.length === 0) throw new Error('kedaQueueReaderStatements: queueArns is empty: name the queues KEDA scales on');
  return [{ Sid: 'ReadScaledQueueDepth', Effect: 'Allow', Action: ['sqs:GetQueueAttributes', 'sqs:GetQueueUrl'], Resource: [...queueArns] }];
}

import type { PolicyStatement } from '../aws/policy-document';

/** Send messages to one queue (the demo API enqueues jobs). */
export function queueSenderStatements(queueArn: string): PolicyStatement[] {
  return [{ Sid: 'SendToQueue', Effect: 'Allow', Action: ['sqs:SendMessage', 'sqs:GetQueueUrl', 'sqs:GetQueueAttributes'], Resource: queueArn }];
}

/** Consume one queue: receive, extend and delete messages (the demo worker). */
export function queueConsumerStatements(queueArn: string): PolicyStatement[] {
  return [
    {
      Sid: 'ConsumeQueue',
      Effect: 'Allow',
      Action: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility', 'sqs:GetQueueUrl', 'sqs:GetQueueAttributes'],
      Resource: queueArn,
    },
  ];
}

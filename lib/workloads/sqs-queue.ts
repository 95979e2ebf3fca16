/** An SQS queue a worker consumes and KEDA measures. */
export interface SqsQueue {
  readonly name: string;
  readonly region: string;
  /** `https://sqs.<region>.amazonaws.com/<account>/<name>` */
  readonly url: string;
}

/** The SQS queue `name` in an account and region. */
export function sqsQueue(accountId: string, region: string, name: string): SqsQueue {
  if (!/^\d{12}$/.test(accountId)) throw new Error(`sqsQueue ${name}: accountId = ${accountId}: must be a 12-digit AWS account id`);
  if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(region)) throw new Error(`sqsQueue ${name}: region = ${region}: must be an AWS region such as eu-west-1`);
  if (!/^[A-Za-z0-9_-]{1,80}(\.fifo)?$/.test(name)) throw new Error(`sqsQueue ${name}: name must be 1-80 letters, digits, - or _ (SQS rule)`);
  return { name, region, url: `https://sqs.${region}.amazonaws.com/${accountId}/${name}` };
}

/** KEDA `aws-sqs-queue` trigger metadata (every value a string, as KEDA requires). */
export function sqsTriggerMetadata(queue: SqsQueue, messagesPerReplica: number, activationMessages: number): Record<string, string> {
  return {
    queueURL: queue.url,
    awsRegion: queue.region,
    queueLength: String(messagesPerReplica),
    activationQueueLength: String(activationMessages),
  };
}

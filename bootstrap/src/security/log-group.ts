import { CloudwatchLogGroup } from '@cdktn/provider-aws/lib/cloudwatch-log-group';
import { Construct } from 'constructs';
import type { EncryptionKey } from './encryption-key';

/** CloudWatch Logs retention periods the API accepts, in days. */
const RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

export interface EncryptedLogGroupProps {
  readonly name: string;
  /** Key encrypting the log data; its policy must allow CloudWatch Logs. */
  readonly encryptionKey: EncryptionKey;
  /**
   * Days logs are kept; one of the values CloudWatch accepts.
   * @default 365
   */
  readonly retentionInDays?: number;
}

/** A log group encrypted with a customer-managed key and a bounded retention. */
export class EncryptedLogGroup extends Construct {
  public readonly logGroup: CloudwatchLogGroup;
  public readonly arn: string;
  public readonly name: string;

  constructor(scope: Construct, id: string, props: EncryptedLogGroupProps) {
    super(scope, id);
    const retentionInDays = props.retentionInDays ?? 365;
    if (!RETENTION_DAYS.includes(retentionInDays)) {
      throw new Error(`EncryptedLogGroup ${id}: retentionInDays = ${retentionInDays}: must be one of ${RETENTION_DAYS.join(', ')} (CloudWatch rule)`);
    }
    this.logGroup = new CloudwatchLogGroup(this, 'group', {
      name: props.name,
      kmsKeyId: props.encryptionKey.arn,
      retentionInDays,
    });
    this.arn = this.logGroup.arn;
    this.name = props.name;
  }
}

import { arn, type AwsLocation } from '../aws/arn';
import type { PolicyStatement } from '../aws/policy-document';

/**
 * External Secrets reads Secrets Manager secrets whose name starts with `prefix` (e.g. `prod/`),
 * so one environment's operator can never read another's secrets.
 */
export function externalSecretsReaderStatements(location: AwsLocation, prefix: string): PolicyStatement[] {
  if (!/^[\w/+=.@-]+\/$/.test(prefix)) {
    throw new Error(`externalSecretsReaderStatements: prefix = ${prefix}: must be a path ending in / such as prod/ (an empty prefix would grant every secret)`);
  }
  return [
    {
      Sid: 'ReadEnvironmentSecrets',
      Effect: 'Allow',
      Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret', 'secretsmanager:GetResourcePolicy', 'secretsmanager:ListSecretVersionIds'],
      Resource: arn(location, 'secretsmanager', `secret:${prefix}*`),
    },
  ];
}

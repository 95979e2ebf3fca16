import { arn, type AwsLocation } from '../aws/arn';
import type { PolicyStatement } from '../aws/policy-document';

/**
 * External Secrets reads Secrets Manager secrets whose name starts with `prefix` (e.g. `prod/`),
 * so one environment's operator can never read another's secrets; with `decryptKeyArn`, it may
 * decrypt them with that customer-managed key, through Secrets Manager only.
 */
export function externalSecretsReaderStatements(location: AwsLocation, prefix: string, decryptKeyArn?: string): PolicyStatement[] {
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
    ...(decryptKeyArn === undefined
      ? []
      : [
          {
            Sid: 'DecryptEnvironmentSecrets',
            Effect: 'Allow' as const,
            Action: 'kms:Decrypt',
            Resource: decryptKeyArn,
            Condition: { StringEquals: { 'kms:ViaService': `secretsmanager.${location.region}.amazonaws.com` } },
          },
        ]),
  ];
}

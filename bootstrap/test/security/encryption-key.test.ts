import { KmsKey } from '@cdktn/provider-aws/lib/kms-key';
import { EncryptionKey } from '../../src/security/encryption-key';
import { EncryptedLogGroup } from '../../src/security/log-group';
import { location, only, policyOf, statement, synthScope } from '../util';

describe('EncryptionKey', () => {
  test('renders a rotating key with an explicit policy and an alias', () => {
    const json = synthScope((scope) => new EncryptionKey(scope, 'key', { location, alias: 'demo-secrets', description: 'Secrets of demo' }));
    expect(json).toMatchSnapshot();
    expect(json).toHaveResourceWithProperties(KmsKey, { enable_key_rotation: true, deletion_window_in_days: 30 });
    expect(only(json, 'aws_kms_alias').name).toBe('alias/demo-secrets');
    const policy = policyOf(only(json, 'aws_kms_key'));
    expect(policy.Statement).toHaveLength(1);
    expect(statement(policy, 'AccountAdministersKeyThroughIam').Principal).toEqual({ AWS: 'arn:aws:iam::123456789012:root' });
  });

  test('lets CloudWatch Logs of this account and region use the key when asked', () => {
    const json = synthScope((scope) => new EncryptionKey(scope, 'key', { location, alias: 'logs', description: 'logs', allowCloudWatchLogs: true }));
    const logs = statement(policyOf(only(json, 'aws_kms_key')), 'CloudWatchLogsEncryptsThisAccountsLogGroups');
    expect(logs.Principal).toEqual({ Service: 'logs.eu-west-1.amazonaws.com' });
    expect(logs.Condition).toEqual({ ArnLike: { 'kms:EncryptionContext:aws:logs:arn': 'arn:aws:logs:eu-west-1:123456789012:log-group:*' } });
  });

  test('fails when the deletion window is outside 7-30 days', () => {
    expect(() => synthScope((scope) => new EncryptionKey(scope, 'key', { location, alias: 'a', description: 'd', deletionWindowInDays: 3 }))).toThrow(
      'EncryptionKey key: deletionWindowInDays = 3: must be an integer from 7 to 30 (KMS rule)',
    );
  });
});

describe('EncryptedLogGroup', () => {
  test('encrypts with the key and keeps logs a year by default', () => {
    const json = synthScope((scope) => {
      const key = new EncryptionKey(scope, 'key', { location, alias: 'logs', description: 'logs', allowCloudWatchLogs: true });
      new EncryptedLogGroup(scope, 'group', { name: '/demo', encryptionKey: key });
    });
    expect(only(json, 'aws_cloudwatch_log_group')).toEqual({ name: '/demo', kms_key_id: expect.stringMatching(/^\$\{aws_kms_key\..*\.arn\}$/), retention_in_days: 365 });
  });

  test('fails when the retention is not one CloudWatch accepts', () => {
    expect(() =>
      synthScope((scope) => {
        const key = new EncryptionKey(scope, 'key', { location, alias: 'logs', description: 'logs' });
        new EncryptedLogGroup(scope, 'group', { name: '/demo', encryptionKey: key, retentionInDays: 100 });
      }),
    ).toThrow('EncryptedLogGroup group: retentionInDays = 100: must be one of 1, 3, 5');
  });
});

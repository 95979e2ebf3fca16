import { EncryptionKey } from '../../src/security/encryption-key';
import { ManagedSecret, type ManagedSecretProps } from '../../src/secrets/managed-secret';
import { location, only, resources, synthScope } from '../util';

function synth(props: Omit<ManagedSecretProps, 'encryptionKey'>) {
  return synthScope((scope) => new ManagedSecret(scope, 'secret', { ...props, encryptionKey: new EncryptionKey(scope, 'key', { location, alias: 'secrets', description: 'secrets' }) }));
}

function ephemeral(json: string): Record<string, any>[] {
  return Object.values((JSON.parse(json).ephemeral?.aws_secretsmanager_random_password ?? {}) as Record<string, any>);
}

describe('ManagedSecret', () => {
  test('a generated password is ephemeral and written once through the write-only attribute', () => {
    const json = synth({ secretName: 'prod/demo/postgres', description: 'db', properties: { username: { fixed: 'orders' }, password: { generated: {} } } });
    expect(json).toMatchSnapshot();
    const secret = only(json, 'aws_secretsmanager_secret');
    expect(secret.name).toBe('prod/demo/postgres');
    expect(secret.kms_key_id).toMatch(/^\$\{aws_kms_key\.key_\w+\.arn\}$/);
    const version = only(json, 'aws_secretsmanager_secret_version');
    expect(version.secret_string).toBeUndefined();
    expect(version.secret_string_wo_version).toBe(1);
    // Valid JSON once Terraform substitutes the (letters and digits only) password.
    const document = JSON.parse(version.secret_string_wo);
    expect(document.username).toBe('orders');
    expect(document.password).toMatch(/^\$\{ephemeral\.aws_secretsmanager_random_password\.[\w-]+\.random_password\}$/);
    expect(ephemeral(json)).toEqual([expect.objectContaining({ password_length: 32, exclude_punctuation: true, require_each_included_type: true })]);
  });

  test('placeholders are marked and, once filled in, never overwritten', () => {
    const json = synth({ secretName: 'prod/monitoring/alertmanager', description: 'receivers', properties: { 'slack-webhook-url': { placeholder: 'Slack incoming webhook URL' } } });
    const version = only(json, 'aws_secretsmanager_secret_version');
    expect(JSON.parse(version.secret_string)).toEqual({ 'slack-webhook-url': 'REPLACE_ME: Slack incoming webhook URL' });
    expect(version.lifecycle).toEqual({ ignore_changes: ['secret_string'] });
    expect(ephemeral(json)).toEqual([]);
  });

  test('fails when generated values and placeholders are mixed', () => {
    expect(() => synth({ secretName: 'prod/x', description: 'x', properties: { password: { generated: {} }, url: { placeholder: 'URL' } } })).toThrow(
      'ManagedSecret prod/x: properties mix generated (password) and placeholder (url) values',
    );
  });

  test('fails when a generated password is short', () => {
    expect(() => synth({ secretName: 'prod/x', description: 'x', properties: { password: { generated: { length: 8 } } } })).toThrow(
      'ManagedSecret prod/x: password.generated.length = 8: must be an integer from 20 to 4096',
    );
  });

  test('fails when the name is not a Secrets Manager name', () => {
    expect(() => synth({ secretName: 'prod demo', description: 'x', properties: { a: { fixed: 'b' } } })).toThrow('ManagedSecret prod demo: secretName: must be 1-512 letters');
  });

  test('fails when there is nothing to store', () => {
    expect(() => synth({ secretName: 'prod/x', description: 'x', properties: {} })).toThrow('ManagedSecret prod/x: properties is empty');
  });

  test('creates one secret and one version', () => {
    const json = synth({ secretName: 'prod/demo/redis', description: 'redis', properties: { password: { generated: {} } } });
    expect(resources(json, 'aws_secretsmanager_secret')).toHaveLength(1);
    expect(resources(json, 'aws_secretsmanager_secret_version')).toHaveLength(1);
  });
});

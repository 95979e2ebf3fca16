import { findSecretLeaks } from '../../../lib/security';

const deployment = (env: object[]) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'api' },
  spec: { template: { spec: { containers: [{ name: 'api', image: 'x', env }] } } },
});

describe('findSecretLeaks', () => {
  test('passes a clean deployment that reads its password from a secret', () => {
    expect(findSecretLeaks(deployment([{ name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } }, { name: 'LOG_LEVEL', value: 'info' }]))).toEqual([]);
  });

  test('fails when a Secret carries data', () => {
    expect(findSecretLeaks({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { password: 'aHVudGVyMg==' } })).toEqual([
      { path: 'data', rule: 'a Secret must not carry data or stringData in git: deliver it with an ExternalSecret' },
    ]);
  });

  test('fails when a Secret carries stringData', () => {
    expect(findSecretLeaks({ kind: 'Secret', stringData: { token: 'x' } }).map((l) => l.path)).toContain('stringData');
  });

  test('fails when a password-like env var has a literal value', () => {
    expect(findSecretLeaks(deployment([{ name: 'POSTGRES_PASSWORD', value: 'hunter2' }]))).toEqual([
      { path: 'spec.template.spec.containers[0].env[0].value', rule: 'environment variable POSTGRES_PASSWORD has a literal value: use valueFrom.secretKeyRef' },
    ]);
  });

  test('passes a *_FILE variable that names a mounted secret file', () => {
    expect(findSecretLeaks(deployment([{ name: 'POSTGRES_PASSWORD_FILE', value: '/run/secrets/password' }]))).toEqual([]);
  });

  test('fails when a *_FILE variable holds something other than a file path', () => {
    expect(findSecretLeaks(deployment([{ name: 'POSTGRES_PASSWORD_FILE', value: 'hunter2' }])).map((l) => l.rule)).toEqual([
      'environment variable POSTGRES_PASSWORD_FILE has a literal value: use valueFrom.secretKeyRef',
    ]);
  });

  test.each([
    ['an AWS access key id', 'AKIAIOSFODNN7EXAMPLE'],
    ['a private key block', '-----BEGIN RSA PRIVATE KEY-----\nMIIE...'],
    ['a GitHub token', 'ghp_' + 'a'.repeat(36)],
    ['a Slack webhook', 'https://hooks.slack.com/services/T000/B000/XXXXXXXX'],
    ['a URL with user-info', 'https://ci:' + 'pa55word' + '@registry.example.com/v2/'],
    ['a fine-grained GitHub token', 'github_' + 'pat_' + 'A1b2'.repeat(21)],
    ['a GitLab token', 'glpat' + '-' + 'a1B2c3D4e5'.repeat(2)],
  ])('fails when any string holds %s', (_, secret) => {
    const leaks = findSecretLeaks({ kind: 'ConfigMap', metadata: { name: 'c' }, data: { note: secret } });
    expect(leaks).toHaveLength(1);
    expect(leaks[0].path).toBe('data.note');
  });
});

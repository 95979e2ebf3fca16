import { CREDENTIAL_PATTERNS, credentialIn, findCredentialStrings, redact } from '../../../lib/security';
import { envWith, violationsOf } from '../../util';

// Fakes are assembled from parts so that no complete token sits in the source.
const rep = (chars: string, n: number) => chars.repeat(Math.ceil(n / chars.length)).slice(0, n);
const SAMPLES: [string, string][] = [
  ['AWS access key id', 'AKIA' + rep('IOSFODNN7EXAMPL', 16)],
  ['AWS secret access key assignment', 'aws_secret_access_key = ' + rep('wJalrXUtnFEMI/K7MDENG', 40)],
  ['private key block', '-----BEGIN OPENSSH ' + 'PRIVATE KEY-----\nb3Blbn...'],
  ['URL with credentials (user-info)', 'https://deploy:' + 's3cr3t' + '@git.example.com/org/repo.git'],
  ['GitHub token', 'github_' + 'pat_' + rep('11ABCDEFG0abcdefghijkl_', 82)],
  ['GitLab token', 'glpat' + '-' + rep('xYz12AbC3dEf4GhI5jKl', 20)],
  ['Slack token or webhook', 'xox' + 'b-' + rep('1234567890-', 30)],
  ['Discord webhook', 'https://discord.com/api/webhooks/' + '123456789012345678/' + rep('AbCdEf_-12', 68)],
  ['Stripe key', 'sk_' + 'live_' + rep('4eC39HqLyjWDarjtT1zdp7dc', 24)],
  ['Google API key', 'AIza' + rep('SyA1b2C3d4E5f6G7h8I9j0KlMnOpQrStUv', 35)],
  ['npm token', 'npm_' + rep('a1B2c3D4e5F6', 36)],
  ['PyPI token', 'pypi-' + 'AgEIcHlwaS5vcmc' + rep('CJDc0ZDk5NjQ0LTRjNmYt', 60)],
  ['OpenAI or Anthropic API key', 'sk-' + 'ant-api03-' + rep('AbCdEfGh12_-', 95)],
  ['SendGrid API key', 'SG' + '.' + rep('ngeVfQFYQlKU0ufo8x5d1A', 22) + '.' + rep('TwL2iGABf9DHoTf-09kqeF8tAmbihYzrnopKc-1s5cr', 43)],
  ['Twilio API key', 'SK' + rep('0123456789abcdef', 32)],
  ['HashiCorp token', 'hvs' + '.' + rep('CAESIJ1abcdefghijklmnopqrstu', 90)],
  ['cloud or registry token', 'dckr' + '_pat_' + rep('AbCdEfGhIjKlMnOpQrStUvWxYz0', 27)],
  ['JSON Web Token', 'eyJ' + 'hbGciOiJIUzI1NiJ9' + '.eyJ' + 'zdWIiOiIxMjM0NTY3ODkwIn0' + '.' + rep('dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U', 43)],
  ['Azure storage account key', 'DefaultEndpointsProtocol=https;AccountName=x;AccountKey=' + rep('Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsu', 86) + '=='],
];

describe('credential patterns', () => {
  test('every pattern has a sample', () => {
    expect(SAMPLES.map(([name]) => name).sort()).toEqual(CREDENTIAL_PATTERNS.map((p) => p.name).sort());
  });

  test.each(SAMPLES)('fails when a string holds a %s', (name, sample) => {
    expect(credentialIn(sample)).toBe(name);
    expect(credentialIn(`prefix ${sample} suffix`)).toBe(name);
  });

  test.each([
    'https://github.com/example-org/eks-platform.git',
    'git@github.com:example-org/eks-platform.git',
    'ssh://git@github.com/example-org/eks-platform.git',
    'https://kubernetes.default.svc',
    'platform-team@example.com',
    '111111111111.dkr.ecr.eu-west-1.amazonaws.com',
    'arn:aws:acm:eu-west-1:333333333333:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789',
    'sha256:' + rep('0123456789abcdef', 64),
  ])('passes the ordinary value %s', (text) => {
    expect(credentialIn(text)).toBeUndefined();
  });

  test('finds credentials by path and redacts them', () => {
    expect(findCredentialStrings({ a: [{ b: 'ok' }, { c: 'npm_' + rep('x1', 36) }] })).toEqual([{ path: 'a[1].c', name: 'npm token', text: 'npm_' + rep('x1', 36) }]);
    expect(redact('npm_abcdef')).toBe('npm_… (10 characters, redacted)');
    expect(findCredentialStrings({ map: { ['npm_' + rep('k9', 36)]: 'Audit' } }).map((f) => f.path)).toEqual(['map.<key npm_… (40 characters, redacted)>']);
  });
});

describe('credentials in the configuration', () => {
  const rule = (name: string) =>
    `looks like a ${name}: credentials must not be written into the configuration (it is rendered into dist/ and published); keep it in AWS Secrets Manager and reference it through an ExternalSecret`;

  test('fails when the gitops repository URL carries user-info', () => {
    const url = 'https://deploy:' + 'hunter22' + '@github.com/example-org/eks-platform.git';
    expect(violationsOf(envWith('prod', { gitops: { repoUrl: url } }))).toEqual([
      `prod: gitops.repoUrl = "http… (${url.length} characters, redacted)": ${rule('URL with credentials (user-info)')}`,
    ]);
  });

  test('fails when the gitops repository URL carries a token as its user name', () => {
    const url = 'https://' + rep('a1b2c3d4', 40) + '@github.com/example-org/eks-platform.git';
    expect(violationsOf(envWith('prod', { gitops: { repoUrl: url } }))).toEqual([
      `prod: gitops.repoUrl = "http… (${url.length} characters, redacted)": ${rule('URL with credentials (user-info)')}`,
    ]);
  });

  test('fails when a fine-grained GitHub token is pasted into any string field', () => {
    const token = 'github_' + 'pat_' + rep('11ABCDEFG0abcdefghijkl_', 82);
    expect(violationsOf(envWith('dev', { observability: { alerting: { slackChannel: token } } }))).toEqual(
      expect.arrayContaining([`dev: observability.alerting.slackChannel = "gith… (${token.length} characters, redacted)": ${rule('GitHub token')}`]),
    );
  });

  test('fails when a GitLab token is pasted into a list', () => {
    const token = 'glpat' + '-' + rep('xYz12AbC3dEf4GhI5jKl', 20);
    expect(violationsOf(envWith('prod', { governance: { trustedRegistries: ['111111111111.dkr.ecr.eu-west-1.amazonaws.com', token] } }))).toEqual(
      expect.arrayContaining([`prod: governance.trustedRegistries[1] = "glpa… (${token.length} characters, redacted)": ${rule('GitLab token')}`]),
    );
  });
});

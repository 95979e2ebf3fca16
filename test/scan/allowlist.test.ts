import { join, resolve } from 'node:path';
import { addMonths, applyAllowlist, loadAllowlist, type AllowlistEntry } from '../../scripts/scan/allowlist';
import type { Finding } from '../../scripts/scan/finding';

const TODAY = '2026-11-22';
const RAN = new Set(['kube-score', 'checkov']);

const finding = (overrides: Partial<Finding> = {}): Finding => ({
  scanner: 'checkov',
  check: 'CKV_K8S_43',
  env: 'prod',
  target: 'StatefulSet/data/redis',
  message: 'Image should use digest',
  ...overrides,
});
const entry = (overrides: Partial<AllowlistEntry> = {}): AllowlistEntry => ({
  scanner: 'checkov',
  check: 'CKV_K8S_43',
  target: 'prod:StatefulSet/data/redis',
  reason: 'tags are immutable in the mirror',
  expires: '2027-03-01',
  ...overrides,
});

describe('applyAllowlist', () => {
  test('an entry allows the finding of its scanner, check, environment and target', () => {
    const other = finding({ target: 'StatefulSet/data/postgres' });
    const result = applyAllowlist([finding(), other], [entry()], TODAY, RAN);
    expect(result.allowed).toEqual([finding()]);
    expect(result.remaining).toEqual([other]);
    expect(result.problems).toEqual([]);
  });

  test('does not allow another check, scanner or environment', () => {
    const findings = [finding({ check: 'CKV_K8S_35' }), finding({ scanner: 'kube-score' }), finding({ env: 'dev' })];
    const result = applyAllowlist([...findings, finding()], [entry()], TODAY, RAN);
    expect(result.remaining).toEqual(findings);
  });

  test('* as env matches every environment; * in the name matches any name', () => {
    const findings = [finding({ env: 'dev' }), finding({ target: 'StatefulSet/data/postgres' })];
    const result = applyAllowlist([...findings, finding({ target: 'StatefulSet/apps/cache' })], [entry({ target: '*:StatefulSet/data/*' })], TODAY, RAN);
    expect(result.allowed).toEqual(findings);
    expect(result.remaining.map((f) => f.target)).toEqual(['StatefulSet/apps/cache']);
  });

  test('a name pattern matches whole names only; Terraform addresses take it after the type', () => {
    const tf = finding({ check: 'CKV_AWS_18', target: 'aws_s3_bucket.loki-bucket_A803A5A5' });
    const result = applyAllowlist(
      [finding({ target: 'StatefulSet/data/redis-replica' }), tf],
      [entry({ target: 'prod:StatefulSet/data/redis' }), entry({ check: 'CKV_AWS_18', target: '*:aws_s3_bucket.loki-bucket_*' })],
      TODAY,
      RAN,
    );
    expect(result.remaining.map((f) => f.target)).toEqual(['StatefulSet/data/redis-replica']);
    expect(result.allowed).toEqual([tf]);
  });

  test('fails when an entry has expired, and still allows its findings so they are not reported twice', () => {
    const result = applyAllowlist([finding()], [entry({ expires: '2026-11-21' })], TODAY, RAN);
    expect(result.problems).toEqual([
      'allowlist entry 1 (checkov CKV_K8S_43 prod:StatefulSet/data/redis) expired on 2026-11-21: fix the finding or renew the entry with a reason',
    ]);
    expect(result.remaining).toEqual([]);
  });

  test('an entry expiring today is still valid', () => {
    expect(applyAllowlist([finding()], [entry({ expires: TODAY })], TODAY, RAN).problems).toEqual([]);
  });

  test('fails when an entry expires more than 6 months ahead', () => {
    expect(applyAllowlist([finding()], [entry({ expires: '2027-05-23' })], TODAY, RAN).problems).toEqual([
      'allowlist entry 1 (checkov CKV_K8S_43 prod:StatefulSet/data/redis): expires = 2027-05-23: must be at most 6 months ahead (2027-05-22)',
    ]);
  });

  test('fails when an entry matches no finding', () => {
    const result = applyAllowlist([], [entry()], TODAY, RAN);
    expect(result.problems).toEqual(['allowlist entry 1 (checkov CKV_K8S_43 prod:StatefulSet/data/redis) matches no finding: remove it']);
  });

  test('an entry of a scanner that did not run is not called unused', () => {
    expect(applyAllowlist([], [entry({ scanner: 'polaris' })], TODAY, RAN).problems).toEqual([]);
  });

  test.each([
    ['a field is missing', { reason: undefined }, 'allowlist entry 1 (checkov CKV_K8S_43 prod:StatefulSet/data/redis): reason is required'],
    ['a field is blank', { check: ' ' }, ': check is required'],
    ['the scanner is unknown', { scanner: 'trivy' }, 'scanner = trivy: must be one of kube-score, kube-linter, polaris, checkov'],
    ['the target has no environment', { target: 'StatefulSet/data/redis' }, 'target = StatefulSet/data/redis: must be env:Kind/namespace/name'],
    ['the kind is a wildcard', { target: '*:*/data/redis' }, "target = *:*/data/redis: must be env:Kind/namespace/name, env:Kind/name or env:terraform.address; '*' only as the env or in the name"],
    ['the namespace is a wildcard', { target: '*:StatefulSet/*/redis' }, "'*' only as the env or in the name"],
    ['the date is not a calendar day', { expires: '2027-02-30' }, 'expires = 2027-02-30: must be a date YYYY-MM-DD'],
  ])('fails when %s, and the entry allows nothing', (_, overrides, message) => {
    const result = applyAllowlist([finding()], [{ ...entry(), ...overrides } as AllowlistEntry], TODAY, RAN);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toContain(message);
    expect(result.remaining).toEqual([finding()]);
  });
});

describe('addMonths', () => {
  test('clamps to the end of a shorter month', () => {
    expect(addMonths('2026-11-22', 6)).toBe('2027-05-22');
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
  });
});

describe('scripts/scan/allowlist.yaml', () => {
  const entries = loadAllowlist(join(resolve(__dirname, '../..'), 'scripts', 'scan', 'allowlist.yaml'));

  test('is short, and every entry is well-formed, justified and due within 6 months', () => {
    // A growing list means exceptions replace fixes: keep it to a screenful.
    expect(entries.length).toBeLessThanOrEqual(15);
    // No scanner "ran": only the entries themselves are checked.
    expect(applyAllowlist([], entries, new Date().toISOString().slice(0, 10), new Set()).problems).toEqual([]);
    for (const e of entries) expect(e.reason.length).toBeGreaterThan(40);
  });
});

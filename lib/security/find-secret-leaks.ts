import { CREDENTIAL_PATTERNS, SECRET_ENV_NAME } from './credential-patterns';

/** Where a credential (or a place for one) was found. */
export interface SecretLeak {
  /** Dotted path inside the object, e.g. `spec.template.spec.containers[0].env[2].value`. */
  readonly path: string;
  readonly rule: string;
}

/**
 * Finds credentials in one rendered value: Secrets that carry `data`/`stringData` (secrets come
 * from External Secrets, never from git), literal values of password-like environment variables,
 * and strings that look like keys or tokens anywhere.
 */
export function findSecretLeaks(value: unknown): SecretLeak[] {
  const leaks: SecretLeak[] = [];
  const obj = value as { kind?: unknown; data?: unknown; stringData?: unknown } | null;
  if (obj && typeof obj === 'object' && obj.kind === 'Secret') {
    for (const field of ['data', 'stringData'] as const) {
      if (obj[field] && Object.keys(obj[field] as object).length > 0) {
        leaks.push({ path: field, rule: 'a Secret must not carry data or stringData in git: deliver it with an ExternalSecret' });
      }
    }
  }
  walk(value, '', leaks);
  return leaks;
}

const SECRET_FILE_PATH = /^\/[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)+$/;

function walk(node: unknown, path: string, leaks: SecretLeak[]): void {
  if (typeof node === 'string') {
    for (const { name, pattern } of CREDENTIAL_PATTERNS) {
      if (pattern.test(node)) leaks.push({ path, rule: `looks like a ${name}: never render credentials` });
    }
    return;
  }
  if (Array.isArray(node)) {
    node.forEach((item, i) => walk(item, `${path}[${i}]`, leaks));
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const record = node as Record<string, unknown>;
  // A container env entry: { name, value } with a password-like name and a literal value; a
  // `*_FILE` variable naming an absolute path points at a mounted secret file instead.
  const fileReference = typeof record.name === 'string' && /_FILE$/.test(record.name) && typeof record.value === 'string' && SECRET_FILE_PATH.test(record.value);
  if (typeof record.name === 'string' && typeof record.value === 'string' && record.value !== '' && SECRET_ENV_NAME.test(record.name) && !fileReference && path.includes('env[')) {
    leaks.push({ path: `${path}.value`, rule: `environment variable ${record.name} has a literal value: use valueFrom.secretKeyRef` });
  }
  for (const [key, child] of Object.entries(record)) walk(child, path ? `${path}.${key}` : key, leaks);
}

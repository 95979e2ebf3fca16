/**
 * Patterns of strings that must never be committed to the gitops branch. Deliberately broad:
 * a false positive costs a rename, a true positive leaks a credential to everyone who can read git.
 */
export const CREDENTIAL_PATTERNS: readonly { readonly name: string; readonly pattern: RegExp }[] = [
  { name: 'AWS access key id', pattern: /\b(AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA)[0-9A-Z]{16}\b/ },
  { name: 'private key block', pattern: /-----BEGIN ([A-Z]+ )?PRIVATE KEY-----/ },
  { name: 'AWS secret access key assignment', pattern: /aws_secret_access_key\s*[:=]\s*\S{20,}/i },
  { name: 'GitHub token', pattern: /\bgh[pousr]_[A-Za-z0-9]{36,}\b/ },
  { name: 'Slack token or webhook', pattern: /\bxox[abprs]-[A-Za-z0-9-]{10,}|hooks\.slack\.com\/services\/T[A-Z0-9]+\/B[A-Z0-9]+\/[A-Za-z0-9]+/ },
];

/** Environment variable names whose literal `value` would be a credential. */
export const SECRET_ENV_NAME = /(password|passwd|secret|token|api[_-]?key|private[_-]?key|credential)/i;

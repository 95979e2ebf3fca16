/**
 * Patterns of strings that must never be committed to the gitops branch, nor written into the
 * configuration it is rendered from. Deliberately broad: a false positive costs a rename, a true
 * positive leaks a credential to everyone who can read git. The formats follow the rules of the
 * gitleaks default configuration (rule ids in brackets) and the URI detector of trufflehog.
 */
export const CREDENTIAL_PATTERNS: readonly { readonly name: string; readonly pattern: RegExp }[] = [
  // [aws-access-token]
  { name: 'AWS access key id', pattern: /\b(AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|A3T[A-Z0-9])[0-9A-Z]{16}\b/ },
  { name: 'AWS secret access key assignment', pattern: /aws_secret_access_key\s*[:=]\s*\S{20,}/i },
  // [private-key], [pgp-private-key]
  { name: 'private key block', pattern: /-----BEGIN ([A-Z0-9]+ )*PRIVATE KEY( BLOCK)?-----/ },
  // trufflehog URI: scheme://user:password@host, and an https URL carrying a token as its user name
  { name: 'URL with credentials (user-info)', pattern: /\b[a-z][a-z0-9+.-]*:\/\/[^\s/:@]+:[^\s/@]+@[^\s/@]+|\bhttps?:\/\/[^\s/?#:@]+@[^\s/@]+/i },
  // [github-pat], [github-oauth], [github-app-token], [github-refresh-token], [github-fine-grained-pat]
  { name: 'GitHub token', pattern: /\b(gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})/ },
  // [gitlab-pat], [gitlab-ptt], [gitlab-deploy-token], [gitlab-runner-authentication-token], [gitlab-rrt], [gitlab-cicd-job-token]
  { name: 'GitLab token', pattern: /\b(glpat|glptt|gldt|glrt|glsoat|glcbt|glft|glimt|glagent)-[A-Za-z0-9_-]{20,}|\bGR1348941[A-Za-z0-9_-]{20,}/ },
  // [slack-bot-token], [slack-user-token], [slack-app-token], [slack-webhook-url]
  { name: 'Slack token or webhook', pattern: /\bxox[abeprs]-[A-Za-z0-9-]{10,}|\bxapp-\d-[A-Z0-9]+-\d+-[a-z0-9]+|hooks\.slack\.com\/(services|workflows|triggers)\/[A-Za-z0-9+/]{20,}|hooks\.slack\.com\/services\/T[A-Z0-9]+\/B[A-Z0-9]+\/[A-Za-z0-9]+/ },
  // [discord-webhook] (trufflehog)
  { name: 'Discord webhook', pattern: /discord(app)?\.com\/api\/webhooks\/\d+\/[A-Za-z0-9_-]{20,}/ },
  // [stripe-access-token]
  { name: 'Stripe key', pattern: /\b(sk|rk)_(live|test|prod)_[A-Za-z0-9]{10,}/ },
  // [gcp-api-key]
  { name: 'Google API key', pattern: /\bAIza[0-9A-Za-z_-]{35}\b/ },
  // [npm-access-token]
  { name: 'npm token', pattern: /\bnpm_[A-Za-z0-9]{36}\b/ },
  // [pypi-upload-token]
  { name: 'PyPI token', pattern: /\bpypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,}/ },
  // [openai-api-key], [anthropic-api-key], [anthropic-admin-api-key]
  { name: 'OpenAI or Anthropic API key', pattern: /\bsk-(proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}T3BlbkFJ[A-Za-z0-9_-]{20,}|\bsk-ant-[a-z]+\d*-[A-Za-z0-9_-]{20,}/ },
  // [sendgrid-api-token]
  { name: 'SendGrid API key', pattern: /\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}\b/ },
  // [twilio-api-key]
  { name: 'Twilio API key', pattern: /\bSK[0-9a-fA-F]{32}\b/ },
  // [hashicorp-tf-api-token], [vault-service-token], [vault-batch-token]
  { name: 'HashiCorp token', pattern: /\b(hvs|hvb)\.[A-Za-z0-9_-]{24,}|\b[A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_=-]{60,}/ },
  // [digitalocean-pat], [dockerhub PAT], [databricks-api-token], [shopify-access-token], [postman-api-token]
  { name: 'cloud or registry token', pattern: /\bdo[opr]_v1_[a-f0-9]{64}\b|\bdckr_pat_[A-Za-z0-9_-]{27,}|\bdapi[a-f0-9]{32}(-\d)?\b|\bshp(at|ca|pa|ss)_[a-fA-F0-9]{32}\b|\bPMAK-[a-f0-9]{24}-[a-f0-9]{34}\b/ },
  // [jwt]
  { name: 'JSON Web Token', pattern: /\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/ },
  // [azure-storage-account-key] (connection strings)
  { name: 'Azure storage account key', pattern: /AccountKey=[A-Za-z0-9+/]{86}==/ },
];

/** Environment variable names whose literal `value` would be a credential. */
export const SECRET_ENV_NAME = /(password|passwd|secret|token|api[_-]?key|private[_-]?key|credential)/i;

/** The name of the credential format `text` matches, if any. */
export function credentialIn(text: string): string | undefined {
  return CREDENTIAL_PATTERNS.find(({ pattern }) => pattern.test(text))?.name;
}

/** `text` with all but its first four characters hidden, for messages. */
export function redact(text: string): string {
  return `${text.slice(0, 4)}… (${text.length} characters, redacted)`;
}

/** Every string (value or key) below `value` that looks like a credential, with its dotted path. */
export function findCredentialStrings(value: unknown, path = ''): { readonly path: string; readonly name: string; readonly text: string }[] {
  if (typeof value === 'string') {
    const name = credentialIn(value);
    return name ? [{ path, name, text: value }] : [];
  }
  if (Array.isArray(value)) return value.flatMap((item, i) => findCredentialStrings(item, `${path}[${i}]`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, child]) => {
    const at = path ? `${path}.${key}` : key;
    // A map keyed by a pasted token leaks it as much as a value does.
    const name = credentialIn(key);
    const keyPath = `${path ? `${path}.` : ''}<key ${redact(key)}>`;
    return [...(name ? [{ path: keyPath, name, text: key }] : []), ...findCredentialStrings(child, name ? keyPath : at)];
  });
}

import type { EnvironmentConfig } from '../../environments';
import type { ConfigValidator } from '../../lib/config/config-validator';
import { POLICY_NAMES, governedNamespaces } from './policy-catalog';

/** The namespace Kyverno runs in and the only one it accepts PolicyExceptions from. */
export const KYVERNO_NAMESPACE = 'kyverno';

/** Longest an exception may run before it has to be renewed (reviewed), in days. */
const MAX_EXCEPTION_DAYS = 180;

const ACTIONS = ['Audit', 'Deny'] as const;
const DAY_MS = 24 * 60 * 60 * 1000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `YYYY-MM-DD` as midnight UTC, or undefined when it is not a real calendar day. */
export function parseExpiry(text: unknown): Date | undefined {
  const m = typeof text === 'string' ? DATE.exec(text) : null;
  if (!m) return undefined;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.toISOString().slice(0, 10) === text ? date : undefined;
}

/**
 * Configuration rules of the governance component. `now` is the clock exceptions expire against
 * (injected by tests; the component passes the current time).
 */
export function validateGovernance(check: ConfigValidator<EnvironmentConfig>, env: EnvironmentConfig, now: Date): void {
  const g = env.governance;
  check.oneOf('governance.validationAction', ACTIONS);
  for (const [policy, action] of Object.entries(g.policyActions ?? {})) {
    const path = `governance.policyActions.${policy}` as const;
    if (!POLICY_NAMES.includes(policy)) check.fail(path, action, `unknown policy; expected one of ${POLICY_NAMES.join(', ')}`);
    else check.oneOf(path, ACTIONS);
  }

  if (check.positiveNumber('governance.maxContainerCpu')) {
    check.expect(Number.isInteger(g.maxContainerCpu * 1000), 'governance.maxContainerCpu', 'must be a whole number of millicores (e.g. 4 or 0.5)');
  }
  if (check.positiveNumber('governance.maxContainerMemoryGiB')) {
    check.expect(Number.isInteger(g.maxContainerMemoryGiB * 1024), 'governance.maxContainerMemoryGiB', 'must be a whole number of MiB (e.g. 16 or 0.5)');
  }

  check.expect(env.namespaces.some((n) => n.name === KYVERNO_NAMESPACE), 'namespaces', `must include the ${KYVERNO_NAMESPACE} namespace Kyverno runs in`);
  if (check.positiveInt('governance.kyverno.admissionReplicas') && g.validationAction === 'Deny') {
    check.expect(
      g.kyverno.admissionReplicas >= 2,
      'governance.kyverno.admissionReplicas',
      'must be at least 2 when governance.validationAction is Deny: the webhook fails closed, so one replica blocks app deployments whenever it restarts',
    );
  }
  check.positiveInt('governance.kyverno.controllerReplicas');

  if (check.string('governance.vulnerabilityScanning.namespace')) {
    const ns = env.namespaces.find((n) => n.name === g.vulnerabilityScanning.namespace);
    if (!ns || ns.tier !== 'security') {
      check.fail('governance.vulnerabilityScanning.namespace', g.vulnerabilityScanning.namespace,
        "must be a configured namespace of tier 'security': the Trivy node collector mounts host paths (read-only), which Pod Security admits only there");
    }
  }
  check.positiveDuration('governance.vulnerabilityScanning.rescanAfter');
  check.positiveInt('governance.vulnerabilityScanning.concurrentScans');

  validateExceptions(check, env, now);
}

function validateExceptions(check: ConfigValidator<EnvironmentConfig>, env: EnvironmentConfig, now: Date): void {
  const exceptions = check.array('governance.exceptions');
  if (!exceptions) return;
  const governed = governedNamespaces(env);
  exceptions.forEach((_, i) => {
    const path = `governance.exceptions[${i}]` as const;
    const e = env.governance.exceptions[i];
    check.dnsLabel(`${path}.name`);
    check.array(`${path}.policies`, 1)?.forEach((policy, j) => {
      if (!POLICY_NAMES.includes(policy as string)) {
        check.fail(`${path}.policies[${j}]`, policy, `unknown policy; expected one of ${POLICY_NAMES.join(', ')}`);
      }
    });
    if (check.string(`${path}.namespace`) && !governed.includes(e.namespace)) {
      check.fail(`${path}.namespace`, e.namespace, `must be a governed namespace (${governed.join(', ')}); other namespaces are not checked`);
    }
    check.array(`${path}.workloads`, 1)?.forEach((_w, j) => check.string(`${path}.workloads[${j}]`, { pattern: /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, rule: 'must be an app.kubernetes.io/name value' }));
    check.string(`${path}.owner`, { pattern: /^[^@\s]+@[^@\s]+$/, rule: 'must be an e-mail address' });
    check.string(`${path}.reason`, { pattern: /\S/, rule: 'must say why the workload cannot comply yet and what will fix it (not only spaces)' });
    const expires = parseExpiry(e.expires);
    if (!expires) {
      check.fail(`${path}.expires`, e.expires, 'must be a date YYYY-MM-DD');
    } else if (expires.getTime() <= now.getTime()) {
      check.fail(`${path}.expires`, e.expires, `has expired (today is ${now.toISOString().slice(0, 10)}): fix the workload and remove the exception, or renew it with a new date`);
    } else if (expires.getTime() - now.getTime() > MAX_EXCEPTION_DAYS * DAY_MS) {
      check.fail(`${path}.expires`, e.expires, `must be at most ${MAX_EXCEPTION_DAYS} days ahead: exceptions are renewed after review, not granted for good`);
    }
  });
  check.unique(exceptions.map((e) => (e as { name: unknown }).name), (i) => `governance.exceptions[${i}].name`, 'exception name');
}

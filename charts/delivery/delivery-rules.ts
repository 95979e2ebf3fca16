import { awsNames, type EnvironmentConfig } from '../../environments';
import type { ConfigValidator } from '../../lib/config/config-validator';

/** The namespaces the delivery operators are installed into must be managed namespaces. */
export function validateDelivery(check: ConfigValidator<EnvironmentConfig>, env: EnvironmentConfig): void {
  const identities = awsNames(env).podIdentities;
  const required: [boolean, string, string][] = [
    [env.components.argoRollouts, 'argo-rollouts', 'Argo Rollouts'],
    [env.components.keda, identities.keda.namespace, 'KEDA (its Pod Identity association is bound to it)'],
    [env.components.externalSecrets, identities.externalSecrets.namespace, 'External Secrets (its Pod Identity association is bound to it)'],
  ];
  const names = env.namespaces.map((n) => n.name);
  for (const [enabled, namespace, what] of required) {
    if (enabled && !names.includes(namespace)) check.fail('namespaces', names, `must include '${namespace}', the namespace of ${what}`);
  }
}

import { Capabilities as C } from '../../lib/argocd/sync-dependencies';
import type { PlatformComponent } from '../component';
import { GovernanceChart } from './governance-chart';
import { validateGovernance } from './governance-rules';

export { GovernanceChart } from './governance-chart';
export { KYVERNO_NAMESPACE, parseExpiry, validateGovernance } from './governance-rules';
export { POLICY_CATALOG, POLICY_NAMES, governedNamespaces } from './policy-catalog';

export interface GovernanceOptions {
  /** Clock policy exceptions expire against. @default - the current time */
  readonly now?: () => Date;
}

/** Kyverno, its policies and exceptions, and the Trivy operator; with the policy engine, early. */
export function governanceComponent(options: GovernanceOptions = {}): PlatformComponent {
  const now = options.now ?? (() => new Date());
  return {
    name: 'governance',
    requires: () => [C.crds('policies.kyverno.io'), C.controller('kyverno')],
    provides: () => [C.admission('platform-policies')],
    enabled: (env) => env.components.kyverno,
    validate: (check, env) => validateGovernance(check, env, now()),
    build: (app, env) => new GovernanceChart(app, 'governance', env),
  };
}

export const governance: PlatformComponent = governanceComponent();

import { awsNames, type EnvironmentConfig } from '../../environments';
import { registryHostRule } from '../../lib/config/checks';
import type { ConfigValidator } from '../../lib/config/config-validator';

/** Namespace tiers tenant workloads run in: restricted Pod Security, default-deny networking. */
export const TENANT_TIERS = ['apps', 'data'] as const;

// An ECR private registry host; group 1 is its account.
const ECR_HOST = /^(\d{12})\.dkr\.ecr(-fips)?\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$/;

/** Rules of the `tenancy` section: where tenant workloads may deploy and pull their images from. */
export function validateTenancy(check: ConfigValidator<EnvironmentConfig>, env: EnvironmentConfig): void {
  const tiers = new Map((env.namespaces ?? []).map((n) => [n.name, n.tier]));
  const namespaces = check.array('tenancy.namespaces', 1);
  namespaces?.forEach((name, i) => {
    const path = `tenancy.namespaces[${i}]` as const;
    if (!check.dnsLabel(path)) return;
    check.expect((TENANT_TIERS as readonly string[]).includes(tiers.get(name as string) ?? ''), path,
      `must name a configured namespace of tier ${TENANT_TIERS.map((t) => `'${t}'`).join(' or ')} (tenant workloads get restricted Pod Security and default-deny there)`);
  });
  if (namespaces) check.unique(namespaces, (i) => `tenancy.namespaces[${i}]`, 'tenant namespace');

  check.array('tenancy.additionalTrustedRegistries')?.forEach((registry, i) => {
    const path = `tenancy.additionalTrustedRegistries[${i}]` as const;
    if (!check.rule(path, registryHostRule)) return;
    const ecr = ECR_HOST.exec(registry as string);
    if (ecr && ecr[1] !== env.aws.accountId) {
      check.fail(path, registry, `must not be another account's ECR registry: nodes of account ${env.aws.accountId} cannot pull from it; images come from ${awsNames(env).imageRegistry}, where the bootstrap creates the repositories`);
    }
  });
}

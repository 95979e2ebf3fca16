import type { EnvironmentConfig } from '../../environments';
import { EKS_KUBERNETES_RELEASES, EKS_RELEASE_CALENDAR_SOURCE, eksRelease, inStandardSupport, utcDay, versionsInStandardSupport } from '../../lib/aws/eks-kubernetes-versions';
import { derivedNameRule } from '../../environments/names';
import { AWS_REGION_ZONES, zonesOf } from '../../lib/aws/regions';
import { findCredentialStrings, redact } from '../../lib/security/credential-patterns';
import { SYSTEM_NAMESPACE_RULE, SYSTEM_NAMESPACES } from '../../lib/baseline/system-namespaces';
import { cidrsOverlap, parseCidr } from '../../lib/config/cidr';
import type { ConfigValidator } from '../../lib/config/config-validator';
import type { Violation } from '../../lib/config/violation';
import { validateTenancy } from './tenancy-rules';

/** Branch names that hold source code by convention; never a gitops branch (publish also checks the repository). */
const SOURCE_BRANCH_NAMES: readonly string[] = ['main', 'master', 'trunk', 'develop', 'development', 'HEAD'];

/** Kubernetes minor versions of the EKS release calendar (kubectl-validate has schemas for each). */
const SUPPORTED_KUBERNETES_VERSIONS: readonly string[] = EKS_KUBERNETES_RELEASES.map((r) => r.version);

const NAMESPACE_TIERS = ['platform', 'apps', 'data', 'monitoring', 'chaos', 'security'];
// Label values: at most 63 characters, alphanumeric at both ends.
const LABEL_VALUE = /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;

/**
 * Rules every environment must satisfy, whatever components it enables. `today` is the day the
 * support calendar is read for (the build date).
 */
export function validateEnvironmentCore(check: ConfigValidator<EnvironmentConfig>, env: EnvironmentConfig, today: Date): void {
  check.dnsLabel('name');
  check.oneOf('tier', ['dev', 'staging', 'prod']);

  check.string('aws.accountId', { pattern: /^\d{12}$/, rule: 'must be a 12-digit AWS account id' });
  const regionOk = check.oneOf('aws.region', Object.keys(AWS_REGION_ZONES));
  const zones = check.array('aws.availabilityZones', env.tier === 'prod' ? 3 : 2);
  if (zones) {
    const known = regionOk ? zonesOf(env.aws.region) : [];
    zones.forEach((zone, i) => {
      if (regionOk && !known.includes(zone as string)) {
        check.fail(`aws.availabilityZones[${i}]`, zone, `must be an availability zone of ${env.aws.region} (${known.join(', ')})`);
      }
    });
    check.unique(zones, (i) => `aws.availabilityZones[${i}]`, 'availability zone');
  }

  // AWS: 1-100 characters, starts alphanumeric, then alphanumerics, hyphens and underscores.
  check.string('cluster.name', {
    pattern: /^[A-Za-z0-9][A-Za-z0-9_-]*$/,
    maxLength: 100,
    rule: 'must start with a letter or digit and contain only letters, digits, - and _',
  });
  // Every AWS name derived from the cluster name (IAM roles, queues, rules, buckets) must fit its limit.
  if (typeof env.cluster?.name === 'string' && env.aws && typeof env.aws.accountId === 'string') {
    const rule = derivedNameRule(env);
    if (rule) check.fail('cluster.name', env.cluster.name, rule);
  }
  if (check.oneOf('cluster.kubernetesVersion', SUPPORTED_KUBERNETES_VERSIONS) && env.tier === 'prod') {
    validateStandardSupport(check, env.cluster.kubernetesVersion, today);
  }
  if (check.cidr('cluster.vpcCidr')) {
    const vpc = parseCidr(env.cluster.vpcCidr)!;
    check.expect(vpc.prefix >= 16 && vpc.prefix <= 20, 'cluster.vpcCidr', 'must have a prefix from /16 to /20 (room for 3 AZs x 3 subnet tiers)');
  }
  check.array('cluster.publicAccessCidrs')?.forEach((cidr, i) => {
    const path = `cluster.publicAccessCidrs[${i}]` as const;
    if (check.cidr(path, '203.0.113.0/24')) {
      check.expect(parseCidr(cidr as string)!.prefix >= 8, path, 'must not open the API endpoint to the internet (prefix below /8)');
    }
  });

  check.string('ownership.team', { pattern: LABEL_VALUE, rule: 'must be a valid label value' });
  check.string('ownership.costCenter', { pattern: LABEL_VALUE, rule: 'must be a valid label value (it labels every object)' });
  check.string('ownership.contact', { pattern: /^[^@\s]+@[^@\s]+$/, rule: 'must be an e-mail address' });

  check.string('gitops.repoUrl', { pattern: /^(https:\/\/|ssh:\/\/|git@)\S+$/, rule: 'must be an https://, ssh:// or git@ URL' });
  if (check.string('gitops.branch', { pattern: /^[A-Za-z0-9._/-]+$/, rule: 'must be a git branch name' })) {
    check.expect(!SOURCE_BRANCH_NAMES.includes(env.gitops.branch), 'gitops.branch',
      `must not be a source branch (${SOURCE_BRANCH_NAMES.join(', ')}): publish replaces the branch's content with rendered output; use a branch of its own such as gitops`);
  }
  check.string('gitops.destinationServer', { pattern: /^https:\/\/\S+$/, rule: 'must be an https:// API server URL' });
  check.boolean('gitops.fleetMode');

  for (const key of Object.keys(env.components ?? {}) as (keyof EnvironmentConfig['components'])[]) check.boolean(`components.${key}`);

  const namespaces = check.array('namespaces', 1);
  namespaces?.forEach((_, i) => {
    if (check.dnsLabel(`namespaces[${i}].name`) && SYSTEM_NAMESPACES.includes(env.namespaces[i].name)) {
      check.fail(`namespaces[${i}].name`, env.namespaces[i].name, SYSTEM_NAMESPACE_RULE);
    }
    check.oneOf(`namespaces[${i}].tier`, NAMESPACE_TIERS);
    check.positiveNumber(`namespaces[${i}].quotaCpu`);
    check.positiveNumber(`namespaces[${i}].quotaMemoryGiB`);
    check.positiveInt(`namespaces[${i}].quotaPods`);
  });
  validateNoCredentials(check, env);
  if (namespaces) check.unique(namespaces.map((n) => (n as { name: unknown }).name), (i) => `namespaces[${i}].name`, 'namespace name');
  validateTenancy(check, env);
}

/**
 * Prod runs a Kubernetes version in EKS standard support: past it, EKS bills extended support
 * and the version gets only critical fixes; past extended support, EKS upgrades the control plane
 * on its own schedule.
 */
function validateStandardSupport(check: ConfigValidator<EnvironmentConfig>, version: string, today: Date): void {
  const release = eksRelease(version)!;
  if (inStandardSupport(release, today)) return;
  const day = today.toISOString().slice(0, 10);
  const current = versionsInStandardSupport(today);
  const upgrade = current.length > 0 ? `use ${current.join(' or ')}` : 'add the current versions to lib/aws/eks-kubernetes-versions.ts';
  const when = today < utcDay(release.availableOnEks) ? `is not available on EKS before ${release.availableOnEks}` : `left EKS standard support on ${release.endOfStandardSupport}`;
  check.fail('cluster.kubernetesVersion', version,
    `must be in EKS standard support in prod: ${version} ${when} (today is ${day}; ${EKS_RELEASE_CALENDAR_SOURCE}); ${upgrade}`);
}

/**
 * No field may hold a credential: everything in the configuration is rendered into `dist/` and
 * published to the gitops branch, which everyone who can read the repository reads.
 */
function validateNoCredentials(check: ConfigValidator<EnvironmentConfig>, env: EnvironmentConfig): void {
  for (const found of findCredentialStrings(env)) {
    // Found at run time in any field (or map key), so its path is not one the type names.
    check.record({
      env: env.name,
      path: found.path,
      value: redact(found.text),
      rule:
        `looks like a ${found.name}: credentials must not be written into the configuration (it is rendered into dist/ and published); ` +
        'keep it in AWS Secrets Manager and reference it through an ExternalSecret',
    });
  }
}

/** Rules across environments: names and address space must not collide. */
export function validateAcrossEnvironments(envs: readonly EnvironmentConfig[]): Violation[] {
  const violations: Violation[] = [];
  const seen = (field: (e: EnvironmentConfig) => unknown, path: string, what: string) => {
    const first = new Map<string, string>();
    for (const env of envs) {
      if (field(env) === undefined) continue;
      const value = JSON.stringify(field(env));
      const other = first.get(value);
      if (other !== undefined) violations.push({ env: env.name, path, value: field(env), rule: `duplicate ${what}: already used by environment '${other}'` });
      else first.set(value, env.name);
    }
  };
  // Environments may lack whole sections here (reported by their own rules): read defensively.
  seen((e) => e.name, 'name', 'environment name');
  seen((e) => (e.aws && e.cluster ? `${e.aws.accountId}/${e.aws.region}/${e.cluster.name}` : undefined), 'cluster.name', 'cluster name in the same account and region');
  envs.forEach((env, i) => {
    const cidr = typeof env.cluster?.vpcCidr === 'string' ? parseCidr(env.cluster.vpcCidr) : undefined;
    if (!cidr) return;
    for (const other of envs.slice(0, i)) {
      const otherCidr = typeof other.cluster?.vpcCidr === 'string' ? parseCidr(other.cluster.vpcCidr) : undefined;
      if (otherCidr && cidrsOverlap(cidr, otherCidr)) {
        violations.push({ env: env.name, path: 'cluster.vpcCidr', value: env.cluster.vpcCidr, rule: `must not overlap the VPC of environment '${other.name}' (${other.cluster?.vpcCidr}); VPCs are peered` });
      }
    }
  });
  return violations;
}

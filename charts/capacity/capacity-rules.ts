import type { EnvironmentConfig } from '../../environments';
import { eksRelease } from '../../lib/aws/eks-kubernetes-versions';
import { AMI_RELEASE_TAG } from '../../lib/capacity';
import { durationSeconds } from '../../lib/config/checks';
import type { ConfigValidator } from '../../lib/config/config-validator';

// Karpenter budget durations: hours and/or minutes only.
const BUDGET_DURATION = /^(([0-9]+(h|m))|([0-9]+h[0-9]+m))$/;

/** Configuration rules of the capacity component (`env.capacity`). */
export function validateCapacity(check: ConfigValidator<EnvironmentConfig>, env: EnvironmentConfig): void {
  if (check.oneOf('capacity.amiFamily', Object.keys(AMI_RELEASE_TAG)) && check.string('capacity.amiAliasVersion')) {
    const version = env.capacity.amiAliasVersion;
    const family = AMI_RELEASE_TAG[env.capacity.amiFamily];
    if (version === 'latest') {
      check.expect(env.tier === 'dev', 'capacity.amiAliasVersion',
        `must be a pinned ${env.capacity.amiFamily} release such as ${family.example} outside dev: latest rolls untested AMIs onto ${env.tier} nodes`);
    } else if (!family.pattern.test(version)) {
      check.fail('capacity.amiAliasVersion', version, `must be 'latest' (dev only) or a ${env.capacity.amiFamily} release tag such as ${family.example}`);
    } else if (env.capacity.amiFamily === 'al2023') {
      // AL2023 release tags are dates: a release older than the cluster's Kubernetes version on
      // EKS has no AMI for that version, and Karpenter would find nothing to launch.
      const release = eksRelease(env.cluster.kubernetesVersion);
      const released = version.slice(1, 5) + '-' + version.slice(5, 7) + '-' + version.slice(7, 9);
      if (release && released < release.availableOnEks) {
        check.fail('capacity.amiAliasVersion', version,
          `must be an al2023 release from ${release.availableOnEks} on: older releases have no AMI for Kubernetes ${release.version} (cluster.kubernetesVersion)`);
      }
    }
  }

  for (const pool of ['spot', 'onDemand'] as const) {
    check.boolean(`capacity.${pool}.enabled`);
    check.positiveInt(`capacity.${pool}.maxCpu`);
    check.positiveInt(`capacity.${pool}.maxMemoryGiB`);
  }
  if (env.tier === 'prod') {
    check.expect(env.capacity.onDemand?.enabled === true, 'capacity.onDemand.enabled',
      'must be true in prod: stateful workloads and the spot fallback need on-demand capacity (a spot-only prod loses both on a spot shortage)');
  } else {
    check.expect(env.capacity.onDemand?.enabled === true || env.capacity.spot?.enabled === true, 'capacity.spot.enabled',
      'at least one of capacity.spot and capacity.onDemand must be enabled, or Karpenter has nowhere to place pods');
  }

  const consolidateOk = check.duration('capacity.consolidateAfter');
  if (check.positiveDuration('capacity.expireAfter') && consolidateOk) {
    const consolidate = durationSeconds(env.capacity.consolidateAfter);
    const expire = durationSeconds(env.capacity.expireAfter);
    check.expect(consolidate < expire, 'capacity.consolidateAfter',
      `must be shorter than capacity.expireAfter (${env.capacity.expireAfter}): nodes would expire before consolidation could ever act on them`);
  }

  if (check.intInRange('capacity.disruption.maxUnavailablePercent', 1, 100) && env.tier === 'prod') {
    check.expect(env.capacity.disruption.maxUnavailablePercent <= 10, 'capacity.disruption.maxUnavailablePercent',
      'must be at most 10 in prod: disrupting more nodes at once risks the capacity running services depend on');
  }
  const schedule = check.get('capacity.disruption.freezeSchedule');
  if (schedule === '') {
    check.expect(env.tier !== 'prod', 'capacity.disruption.freezeSchedule',
      'must be set in prod (e.g. "0 8 * * 1-5"): drift and consolidation must not replace nodes during business hours');
  } else if (check.cron('capacity.disruption.freezeSchedule')) {
    if (check.string('capacity.disruption.freezeDuration', { pattern: BUDGET_DURATION, rule: 'must be hours and/or minutes such as 10h or 9h30m (Karpenter budget duration)' })) {
      check.expect(durationSeconds(env.capacity.disruption.freezeDuration) > 0, 'capacity.disruption.freezeDuration', 'must be longer than zero: a zero-length freeze never holds');
    }
  }
  check.boolean('capacity.disruption.scaleToZero');

  check.intInRange('capacity.rootVolumeGiB', 20, 16384);
  check.boolean('capacity.preferArm64');
  check.array('capacity.amd64OnlyImages')?.forEach((image, i) => {
    if (typeof image !== 'string' || !/^[a-z0-9][^\s:@/]*(:\d+)?(\/[^\s:@]+)*$/.test(image)) {
      check.fail(`capacity.amd64OnlyImages[${i}]`, image, 'must be an image repository without tag or digest, e.g. 111111111111.dkr.ecr.eu-west-1.amazonaws.com/legacy/report');
    }
  });
}

import { envWith, violationsOf } from '../util';

describe('capacity rules', () => {
  const cases: [string, string, unknown, string][] = [
    ['maxCpu is negative', 'prod', { capacity: { spot: { maxCpu: -4 } } }, 'prod: capacity.spot.maxCpu = -4: must be a positive integer'],
    ['maxMemoryGiB is not an integer', 'staging', { capacity: { onDemand: { maxMemoryGiB: 1.5 } } }, 'staging: capacity.onDemand.maxMemoryGiB = 1.5: must be a positive integer'],
    ['the AMI is latest in staging', 'staging', { capacity: { amiAliasVersion: 'latest' } }, 'staging: capacity.amiAliasVersion = "latest": must be a pinned al2023 release such as v20251120 outside dev'],
    ['the AMI is latest in prod', 'prod', { capacity: { amiAliasVersion: 'latest' } }, 'prod: capacity.amiAliasVersion = "latest": must be a pinned al2023 release'],
    ['the AMI version does not fit the family', 'prod', { capacity: { amiFamily: 'bottlerocket' } }, "prod: capacity.amiAliasVersion = \"v20260903\": must be 'latest' (dev only) or a bottlerocket release tag such as v1.50.0"],
    ['the AMI release predates the Kubernetes version on EKS', 'prod', { capacity: { amiAliasVersion: 'v20251120' } }, 'prod: capacity.amiAliasVersion = "v20251120": must be an al2023 release from 2026-01-27 on: older releases have no AMI for Kubernetes 1.35 (cluster.kubernetesVersion)'],
    ['the AMI family is unknown', 'dev', { capacity: { amiFamily: 'ubuntu' } }, 'dev: capacity.amiFamily = "ubuntu": must be one of "al2023", "bottlerocket"'],
    ['prod is spot-only', 'prod', { capacity: { onDemand: { enabled: false } } }, 'prod: capacity.onDemand.enabled = false: must be true in prod'],
    ['no pool is enabled', 'dev', { capacity: { spot: { enabled: false }, onDemand: { enabled: false } } }, 'dev: capacity.spot.enabled = false: at least one of capacity.spot and capacity.onDemand must be enabled'],
    ['consolidateAfter is not a duration', 'dev', { capacity: { consolidateAfter: '1 minute' } }, 'dev: capacity.consolidateAfter = "1 minute": must be a duration'],
    ['expireAfter is not a duration', 'dev', { capacity: { expireAfter: '30d' } }, 'dev: capacity.expireAfter = "30d": must be a duration'],
    ['prod disrupts more than 10 % at once', 'prod', { capacity: { disruption: { maxUnavailablePercent: 25 } } }, 'prod: capacity.disruption.maxUnavailablePercent = 25: must be at most 10 in prod'],
    ['maxUnavailablePercent is out of range', 'dev', { capacity: { disruption: { maxUnavailablePercent: 0 } } }, 'dev: capacity.disruption.maxUnavailablePercent = 0: must be an integer from 1 to 100'],
    ['prod has no business-hours freeze', 'prod', { capacity: { disruption: { freezeSchedule: '' } } }, 'prod: capacity.disruption.freezeSchedule = "": must be set in prod'],
    ['the freeze schedule is not cron', 'staging', { capacity: { disruption: { freezeSchedule: 'weekdays' } } }, 'staging: capacity.disruption.freezeSchedule = "weekdays": has 1 field; needs exactly 5'],
    ['the freeze duration has seconds', 'prod', { capacity: { disruption: { freezeDuration: '36000s' } } }, 'prod: capacity.disruption.freezeDuration = "36000s": must be hours and/or minutes'],
    ['the root volume is too small', 'dev', { capacity: { rootVolumeGiB: 8 } }, 'dev: capacity.rootVolumeGiB = 8: must be an integer from 20 to 16384'],
    ['preferArm64 is not boolean', 'dev', { capacity: { preferArm64: 'yes' } }, 'dev: capacity.preferArm64 = "yes": must be true or false'],
    ['an amd64-only image carries a tag', 'dev', { capacity: { amd64OnlyImages: ['111111111111.dkr.ecr.eu-west-1.amazonaws.com/legacy/report:1.0'] } }, 'dev: capacity.amd64OnlyImages[0] = "111111111111.dkr.ecr.eu-west-1.amazonaws.com/legacy/report:1.0": must be an image repository without tag or digest'],
  ];

  test.each(cases)('fails when %s', (_, base, overrides, message) => {
    expect(violationsOf(envWith(base, overrides), base)).toEqual(expect.arrayContaining([expect.stringContaining(message)]));
  });

  test('latest is allowed in dev', () => {
    expect(violationsOf(envWith('dev', { capacity: { amiAliasVersion: 'latest' } })).filter((v) => v.startsWith('dev: capacity.'))).toEqual([]);
  });

  test('rules are skipped when Karpenter is disabled', () => {
    const found = violationsOf(envWith('staging', { components: { karpenter: false }, capacity: { spot: { maxCpu: -4 } } }));
    expect(found.filter((v) => v.startsWith('staging: capacity.'))).toEqual([]);
  });
});

import { environments, type EnvironmentConfig } from '../../environments';
import { deepMerge } from '../../lib/config/deep-merge';
import { AWS_REGION_ZONES, zonesOf } from '../../lib/aws/regions';

/**
 * `n` distinct cluster-environments for fleet benchmarks: each a full copy of dev, staging or prod
 * (round robin) with its own name, cluster, region, account and non-overlapping /20 VPC.
 */
export function fleetEnvironments(n: number): EnvironmentConfig[] {
  const regions = Object.keys(AWS_REGION_ZONES).filter((r) => zonesOf(r).length >= 3);
  return Array.from({ length: n }, (_, i) => {
    const template = environments[i % environments.length];
    const region = regions[i % regions.length];
    const name = `${template.tier}-${String(i).padStart(3, '0')}`;
    // 10.0.0.0/8 holds 4096 /20 blocks; block i is 10.(i >> 4).((i & 15) << 4).0/20.
    const vpcCidr = `10.${i >> 4}.${(i & 15) << 4}.0/20`;
    const accountId = String(100000000000 + i);
    // A certificate belongs to one account and region: the copy gets the same id in its own.
    const certificateArn = template.demoApp.certificateArn.replace(/^arn:aws:acm:[^:]+:\d{12}:/, `arn:aws:acm:${region}:${accountId}:`);
    return deepMerge(template, {
      name,
      aws: { accountId, region, availabilityZones: zonesOf(region).slice(0, template.aws.availabilityZones.length) },
      cluster: { name: `fleet-${name}`, vpcCidr },
      demoApp: { certificateArn },
    });
  });
}

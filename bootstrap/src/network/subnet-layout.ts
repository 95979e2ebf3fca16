import { parseCidr } from '../../../lib/config/cidr';

/** What a subnet is for: load balancers and NAT, nodes and pods, or data stores without egress. */
export type SubnetTier = 'public' | 'private-app' | 'private-data';

export interface PlannedSubnet {
  readonly tier: SubnetTier;
  readonly availabilityZone: string;
  readonly cidrBlock: string;
}

/** AWS refuses subnets smaller than /28. */
const SMALLEST_SUBNET_PREFIX = 28;

/**
 * Carves a VPC CIDR into one subnet per tier and zone. Nodes and pods take IPs from the VPC (VPC
 * CNI), so private-app subnets get the big blocks: the VPC splits into 2^k equal blocks (the
 * smallest k with one block per zone plus one spare); each zone gets one, and the last block is
 * halved for private-data and public, each half split again per zone. A /16 over three zones
 * gives /18 app, /21 data and /21 public subnets. Deterministic: the same input, the same plan.
 */
export function planSubnets(vpcCidr: string, availabilityZones: readonly string[]): PlannedSubnet[] {
  const vpc = parseCidr(vpcCidr);
  if (!vpc) throw new Error(`VpcNetwork: cidrBlock = ${vpcCidr}: must be an IPv4 CIDR such as 10.10.0.0/16 with no host bits set`);
  const zones = availabilityZones.length;
  if (zones === 0) throw new Error('VpcNetwork: availabilityZones is empty: list at least one zone (three for production)');
  if (new Set(availabilityZones).size !== zones) {
    throw new Error(`VpcNetwork: availabilityZones = ${availabilityZones.join(',')}: each zone may appear once`);
  }

  const appBits = Math.ceil(Math.log2(zones + 1));
  const zoneBits = Math.ceil(Math.log2(zones));
  const appPrefix = vpc.prefix + appBits;
  const sharedBase = vpc.base + (2 ** appBits - 1) * blockSize(appPrefix);
  const halfPrefix = appPrefix + 1;
  const edgePrefix = halfPrefix + zoneBits;
  if (edgePrefix > SMALLEST_SUBNET_PREFIX) {
    throw new Error(
      `VpcNetwork: cidrBlock = ${vpcCidr}: too small for ${zones} zones (public and data subnets would be /${edgePrefix}, ` +
        `smaller than the /${SMALLEST_SUBNET_PREFIX} AWS allows); use a /${vpc.prefix - (edgePrefix - SMALLEST_SUBNET_PREFIX)} or larger`,
    );
  }

  const plan: PlannedSubnet[] = [];
  availabilityZones.forEach((zone, i) => {
    plan.push({ tier: 'private-app', availabilityZone: zone, cidrBlock: format(vpc.base + i * blockSize(appPrefix), appPrefix) });
  });
  availabilityZones.forEach((zone, i) => {
    plan.push({ tier: 'private-data', availabilityZone: zone, cidrBlock: format(sharedBase + i * blockSize(edgePrefix), edgePrefix) });
  });
  const publicBase = sharedBase + blockSize(halfPrefix);
  availabilityZones.forEach((zone, i) => {
    plan.push({ tier: 'public', availabilityZone: zone, cidrBlock: format(publicBase + i * blockSize(edgePrefix), edgePrefix) });
  });
  return plan;
}

function blockSize(prefix: number): number {
  return 2 ** (32 - prefix);
}

function format(base: number, prefix: number): string {
  return `${[24, 16, 8, 0].map((shift) => Math.floor(base / 2 ** shift) % 256).join('.')}/${prefix}`;
}

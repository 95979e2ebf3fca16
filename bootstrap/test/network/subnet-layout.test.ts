import { cidrsOverlap, parseCidr } from '../../../lib/config/cidr';
import { planSubnets } from '../../src/network/subnet-layout';

describe('planSubnets', () => {
  test('carves a /16 over three zones into /18 app, /21 data and /21 public subnets', () => {
    expect(planSubnets('10.30.0.0/16', ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'])).toMatchSnapshot();
  });

  test('gives every zone one subnet per tier, none overlapping, all inside the VPC', () => {
    for (const zones of [['a'], ['a', 'b'], ['a', 'b', 'c'], ['a', 'b', 'c', 'd']]) {
      const plan = planSubnets('10.20.0.0/16', zones);
      expect(plan).toHaveLength(zones.length * 3);
      for (const tier of ['public', 'private-app', 'private-data'] as const) {
        expect(plan.filter((s) => s.tier === tier).map((s) => s.availabilityZone)).toEqual(zones);
      }
      const vpc = parseCidr('10.20.0.0/16')!;
      const cidrs = plan.map((s) => parseCidr(s.cidrBlock)!);
      for (const [i, a] of cidrs.entries()) {
        expect(cidrsOverlap(a, vpc) && a.prefix >= vpc.prefix).toBe(true);
        for (const b of cidrs.slice(i + 1)) expect(cidrsOverlap(a, b)).toBe(false);
      }
    }
  });

  test('gives the app tier the largest subnets (pods take VPC addresses)', () => {
    const plan = planSubnets('10.10.0.0/16', ['a', 'b']);
    const prefix = (tier: string) => Number(plan.find((s) => s.tier === tier)!.cidrBlock.split('/')[1]);
    expect(prefix('private-app')).toBe(18);
    expect(prefix('private-app')).toBeLessThan(prefix('public'));
    expect(prefix('private-app')).toBeLessThan(prefix('private-data'));
  });

  test('fails when the CIDR is malformed', () => {
    expect(() => planSubnets('10.10.0.1/16', ['a'])).toThrow('VpcNetwork: cidrBlock = 10.10.0.1/16: must be an IPv4 CIDR such as 10.10.0.0/16 with no host bits set');
  });

  test('fails when the VPC is too small for the zones', () => {
    expect(() => planSubnets('10.10.0.0/24', ['a', 'b', 'c'])).toThrow(
      'VpcNetwork: cidrBlock = 10.10.0.0/24: too small for 3 zones (public and data subnets would be /29, smaller than the /28 AWS allows); use a /23 or larger',
    );
  });

  test('fails when no zone is given', () => {
    expect(() => planSubnets('10.10.0.0/16', [])).toThrow('VpcNetwork: availabilityZones is empty');
  });

  test('fails when a zone is listed twice', () => {
    expect(() => planSubnets('10.10.0.0/16', ['a', 'a'])).toThrow('VpcNetwork: availabilityZones = a,a: each zone may appear once');
  });
});

import { FlowLog } from '@cdktn/provider-aws/lib/flow-log';
import { Subnet } from '@cdktn/provider-aws/lib/subnet';
import { VpcNetwork, type VpcNetworkProps } from '../../src/network/vpc-network';
import { EncryptionKey } from '../../src/security/encryption-key';
import { all, location, only, policyOf, synthScope } from '../util';

function network(props: Partial<VpcNetworkProps> = {}) {
  return synthScope((scope) => {
    const flowLogKey = new EncryptionKey(scope, 'key', { location, alias: 'logs', description: 'logs', allowCloudWatchLogs: true });
    new VpcNetwork(scope, 'network', {
      name: 'demo',
      cidrBlock: '10.10.0.0/16',
      availabilityZones: ['eu-west-1a', 'eu-west-1b'],
      appSubnetTags: { 'karpenter.sh/discovery': 'demo' },
      flowLogKey,
      ...props,
    });
  });
}

describe('VpcNetwork', () => {
  test('renders a VPC with three tiers over two zones', () => {
    expect(network()).toMatchSnapshot();
  });

  test('tags subnets for load balancers and the app tier for Karpenter discovery', () => {
    const json = network();
    expect(json).toHaveResourceWithProperties(Subnet, {
      cidr_block: '10.10.224.0/20',
      tags: expect.objectContaining({ 'kubernetes.io/role/elb': '1' }),
    });
    const app = all(json, 'aws_subnet').filter((s) => s.tags['platform.example.com/subnet-tier'] === 'private-app');
    expect(app).toHaveLength(2);
    for (const subnet of app) {
      expect(subnet.tags).toMatchObject({ 'kubernetes.io/role/internal-elb': '1', 'karpenter.sh/discovery': 'demo' });
    }
    const others = all(json, 'aws_subnet').filter((s) => s.tags['platform.example.com/subnet-tier'] !== 'private-app');
    for (const subnet of others) expect(subnet.tags['karpenter.sh/discovery']).toBeUndefined();
  });

  test('assigns no public IPs, even in public subnets', () => {
    for (const subnet of all(network(), 'aws_subnet')) expect(subnet.map_public_ip_on_launch).toBe(false);
  });

  test('routes each zone through its own NAT gateway by default', () => {
    const json = network();
    expect(all(json, 'aws_nat_gateway')).toHaveLength(2);
    const natRoutes = all(json, 'aws_route').filter((r) => r.nat_gateway_id);
    expect(new Set(natRoutes.map((r) => r.nat_gateway_id)).size).toBe(2);
  });

  test('shares one NAT gateway when asked to', () => {
    const json = network({ natGateways: 'single' });
    expect(all(json, 'aws_nat_gateway')).toHaveLength(1);
    const natRoutes = all(json, 'aws_route').filter((r) => r.nat_gateway_id);
    expect(natRoutes).toHaveLength(2);
    expect(new Set(natRoutes.map((r) => r.nat_gateway_id)).size).toBe(1);
  });

  test('gives data subnets no route out of the VPC', () => {
    const json = network();
    const routes = all(json, 'aws_route');
    expect(routes).toHaveLength(3); // public default + one NAT route per app zone
    expect(routes.filter((r) => r.gateway_id)).toHaveLength(1);
  });

  test('closes the default security group', () => {
    const closed = only(network(), 'aws_default_security_group');
    expect(closed.ingress).toBeUndefined();
    expect(closed.egress).toBeUndefined();
  });

  test('logs every flow to an encrypted log group kept a year', () => {
    const json = network();
    expect(json).toHaveResourceWithProperties(FlowLog, { traffic_type: 'ALL', log_destination_type: 'cloud-watch-logs' });
    const group = only(json, 'aws_cloudwatch_log_group');
    expect(group).toMatchObject({ name: '/aws/vpc/demo/flow-logs', retention_in_days: 365 });
    expect(group.kms_key_id).toMatch(/^\$\{aws_kms_key\./);
    const delivery = policyOf(only(json, 'aws_iam_role_policy'));
    expect(delivery.Statement[0].Action).toEqual(['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams']);
  });
});

import { VpcEndpoint } from '@cdktn/provider-aws/lib/vpc-endpoint';
import { DEFAULT_INTERFACE_ENDPOINTS, VpcEndpoints } from '../../src/network/vpc-endpoints';
import { VpcNetwork } from '../../src/network/vpc-network';
import { EncryptionKey } from '../../src/security/encryption-key';
import { all, location, synthScope } from '../util';

function endpoints(interfaceServices?: readonly string[]) {
  return synthScope((scope) => {
    const flowLogKey = new EncryptionKey(scope, 'key', { location, alias: 'logs', description: 'logs', allowCloudWatchLogs: true });
    const network = new VpcNetwork(scope, 'network', { name: 'demo', cidrBlock: '10.10.0.0/16', availabilityZones: ['eu-west-1a', 'eu-west-1b'], flowLogKey });
    new VpcEndpoints(scope, 'endpoints', { network, region: 'eu-west-1', interfaceServices });
  });
}

describe('VpcEndpoints', () => {
  test('renders the S3 gateway and the interface endpoints', () => {
    expect(endpoints()).toMatchSnapshot();
  });

  test('attaches the S3 gateway to every private route table', () => {
    const json = endpoints();
    expect(json).toHaveResourceWithProperties(VpcEndpoint, { service_name: 'com.amazonaws.eu-west-1.s3', vpc_endpoint_type: 'Gateway' });
    const gateway = all(json, 'aws_vpc_endpoint').find((e) => e.vpc_endpoint_type === 'Gateway')!;
    expect(gateway.route_table_ids).toHaveLength(4);
  });

  test('covers the APIs nodes, Karpenter and Pod Identity call, with private DNS', () => {
    const interfaces = all(endpoints(), 'aws_vpc_endpoint').filter((e) => e.vpc_endpoint_type === 'Interface');
    const services = interfaces.map((e) => e.service_name.replace('com.amazonaws.eu-west-1.', ''));
    expect(services).toEqual(expect.arrayContaining(['ecr.api', 'ecr.dkr', 'sts', 'sqs', 'ec2', 'logs', 'eks-auth', 'ssm']));
    expect(services).toHaveLength(DEFAULT_INTERFACE_ENDPOINTS.length);
    for (const endpoint of interfaces) {
      expect(endpoint.private_dns_enabled).toBe(true);
      expect(endpoint.subnet_ids).toHaveLength(2);
    }
  });

  test('admits only HTTPS from inside the VPC', () => {
    const [group] = all(endpoints(), 'aws_security_group');
    expect(group.ingress).toEqual([expect.objectContaining({ protocol: 'tcp', from_port: 443, to_port: 443, cidr_blocks: ['10.10.0.0/16'] })]);
    expect(group.egress).toEqual([]);
  });

  test('fails when a service is listed twice', () => {
    expect(() => endpoints(['sts', 'sqs', 'sts'])).toThrow('VpcEndpoints endpoints: interfaceServices lists sts twice: each service needs one endpoint');
  });
});

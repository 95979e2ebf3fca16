import { NodeSecurityGroup } from '../../src/cluster/node-security-group';
import { VpcNetwork } from '../../src/network/vpc-network';
import { EncryptionKey } from '../../src/security/encryption-key';
import { all, location, only, synthScope } from '../util';

describe('NodeSecurityGroup', () => {
  const json = synthScope((scope) => {
    const flowLogKey = new EncryptionKey(scope, 'key', { location, alias: 'logs', description: 'logs', allowCloudWatchLogs: true });
    const network = new VpcNetwork(scope, 'network', { name: 'demo', cidrBlock: '10.10.0.0/16', availabilityZones: ['eu-west-1a', 'eu-west-1b'], flowLogKey });
    new NodeSecurityGroup(scope, 'nodes', { network, name: 'demo', tags: { 'karpenter.sh/discovery': 'demo' } });
  });

  test('carries the discovery tag and no cluster ownership tag (the load balancer controller needs exactly one)', () => {
    const group = only(json, 'aws_security_group');
    expect(group.tags).toEqual({ 'Name': 'demo-nodes', 'karpenter.sh/discovery': 'demo' });
  });

  test('allows node-to-node traffic, the VPC, and HTTPS out, each rule described', () => {
    const ingress = all(json, 'aws_vpc_security_group_ingress_rule');
    const egress = all(json, 'aws_vpc_security_group_egress_rule');
    expect(ingress).toEqual([expect.objectContaining({ ip_protocol: '-1', referenced_security_group_id: expect.stringMatching(/aws_security_group/) })]);
    expect(egress).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ ip_protocol: '-1', cidr_ipv4: '10.10.0.0/16' }),
        expect.objectContaining({ ip_protocol: 'tcp', from_port: 443, to_port: 443, cidr_ipv4: '0.0.0.0/0' }),
      ]),
    );
    expect(egress.find((r) => r.cidr_ipv4 === '0.0.0.0/0' && r.ip_protocol === '-1')).toBeUndefined();
    for (const rule of [...ingress, ...egress]) expect(rule.description).toBeTruthy();
  });
});

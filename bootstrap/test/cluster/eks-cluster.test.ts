import { EksAccessEntry } from '@cdktn/provider-aws/lib/eks-access-entry';
import { EksAccessPolicyAssociation } from '@cdktn/provider-aws/lib/eks-access-policy-association';
import { EksCluster } from '@cdktn/provider-aws/lib/eks-cluster';
import { CONTROL_PLANE_LOG_TYPES } from '../../src/cluster/eks-cluster';
import { all, only, policyOf, synthScope, testCluster } from '../util';

describe('EksCluster', () => {
  test('renders a private, encrypted, fully logged control plane', () => {
    expect(synthScope((scope) => testCluster(scope))).toMatchSnapshot();
  });

  test('keeps the endpoint private when no public CIDR is given', () => {
    const cluster = only(synthScope((scope) => testCluster(scope)), 'aws_eks_cluster');
    expect(cluster.vpc_config).toMatchObject({ endpoint_private_access: true, endpoint_public_access: false });
    expect(cluster.vpc_config.public_access_cidrs).toBeUndefined();
  });

  test('opens the public endpoint only to the listed CIDRs', () => {
    const json = synthScope((scope) => testCluster(scope, { publicAccessCidrs: ['203.0.113.0/24'] }));
    expect(json).toHaveResourceWithProperties(EksCluster, {
      vpc_config: expect.objectContaining({ endpoint_public_access: true, public_access_cidrs: ['203.0.113.0/24'] }),
    });
  });

  test('encrypts Secrets with the KMS key, ships every log type, and grants access through access entries only', () => {
    const json = synthScope((scope) => testCluster(scope));
    expect(json).toHaveResourceWithProperties(EksCluster, {
      encryption_config: { resources: ['secrets'], provider: { key_arn: expect.stringMatching(/^\$\{aws_kms_key\./) } },
      enabled_cluster_log_types: [...CONTROL_PLANE_LOG_TYPES],
      access_config: { authentication_mode: 'API', bootstrap_cluster_creator_admin_permissions: false },
      bootstrap_self_managed_addons: false,
    });
    expect(CONTROL_PLANE_LOG_TYPES).toEqual(['api', 'audit', 'authenticator', 'controllerManager', 'scheduler']);
    expect(all(json, 'aws_cloudwatch_log_group')).toEqual([expect.objectContaining({ name: '/aws/eks/test-cluster/cluster', retention_in_days: 365 })]);
  });

  test('lets the cluster role use the Secrets key, which the managed policy does not', () => {
    const json = synthScope((scope) => testCluster(scope));
    const [encryption] = all(json, 'aws_iam_role_policy').map((p) => policyOf(p).Statement);
    expect(encryption).toEqual([
      expect.objectContaining({ Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ListGrants', 'kms:DescribeKey'], Resource: expect.stringMatching(/^\$\{aws_kms_key\..*\.arn\}$/) }),
    ]);
    expect(only(json, 'aws_eks_cluster').depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/^aws_iam_role_policy\./)]));
  });

  test('grants cluster admin through an access entry and the cluster-scoped admin policy', () => {
    const json = synthScope((scope) => testCluster(scope).grantClusterAdmin('admin', 'arn:aws:iam::123456789012:role/admin'));
    expect(json).toHaveResourceWithProperties(EksAccessEntry, { principal_arn: 'arn:aws:iam::123456789012:role/admin', type: 'STANDARD' });
    expect(json).toHaveResourceWithProperties(EksAccessPolicyAssociation, {
      principal_arn: 'arn:aws:iam::123456789012:role/admin',
      policy_arn: 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy',
      access_scope: { type: 'cluster' },
    });
  });

  test('lets a node role join as EC2 Linux nodes', () => {
    const json = synthScope((scope) => testCluster(scope).allowNodeRole('nodes', 'arn:aws:iam::123456789012:role/nodes'));
    expect(json).toHaveResourceWithProperties(EksAccessEntry, { principal_arn: 'arn:aws:iam::123456789012:role/nodes', type: 'EC2_LINUX' });
    expect(all(json, 'aws_eks_access_policy_association')).toHaveLength(0);
  });

  test('installs add-ons with their configuration and Pod Identity', () => {
    const json = synthScope((scope) => {
      const cluster = testCluster(scope);
      cluster.addAddon('vpc-cni', { configuration: { enableNetworkPolicy: 'true' } });
      cluster.addAddon('aws-ebs-csi-driver', { podIdentity: { roleArn: 'arn:aws:iam::123456789012:role/ebs', serviceAccount: 'ebs-csi-controller-sa' } });
    });
    const addons = all(json, 'aws_eks_addon');
    expect(addons.find((a) => a.addon_name === 'vpc-cni')!.configuration_values).toBe('{"enableNetworkPolicy":"true"}');
    expect(addons.find((a) => a.addon_name === 'aws-ebs-csi-driver')!.pod_identity_association).toEqual([
      { role_arn: 'arn:aws:iam::123456789012:role/ebs', service_account: 'ebs-csi-controller-sa' },
    ]);
  });

  test('fails when the public endpoint is open to the whole internet', () => {
    expect(() => synthScope((scope) => testCluster(scope, { publicAccessCidrs: ['0.0.0.0/0'] }))).toThrow(
      'EksCluster cluster: publicAccessCidrs contains 0.0.0.0/0: opens the API to the whole internet; list your office or VPN ranges, or leave it empty for a private endpoint',
    );
  });

  test('fails when a public CIDR is malformed', () => {
    expect(() => synthScope((scope) => testCluster(scope, { publicAccessCidrs: ['203.0.113.7/24'] }))).toThrow(
      'EksCluster cluster: publicAccessCidrs contains 203.0.113.7/24: must be an IPv4 CIDR with no host bits set',
    );
  });

  test('fails when the Kubernetes version is not a minor version', () => {
    expect(() => synthScope((scope) => testCluster(scope, { kubernetesVersion: '1.33.2' }))).toThrow(
      'EksCluster cluster: kubernetesVersion = 1.33.2: must be a Kubernetes minor version such as 1.33',
    );
  });

  test('fails when the control plane gets fewer than two subnets', () => {
    expect(() => synthScope((scope) => testCluster(scope, { subnetIds: ['subnet-a'] }))).toThrow(
      'EksCluster cluster: subnetIds has 1 subnet(s): EKS needs subnets in at least two availability zones',
    );
  });

  test('fails when the name breaks the AWS naming rule', () => {
    expect(() => synthScope((scope) => testCluster(scope, { name: 'my cluster' }))).toThrow('EksCluster cluster: name = my cluster: must be 1-100 letters');
  });
});

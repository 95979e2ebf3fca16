import { EksNodeGroup } from '@cdktn/provider-aws/lib/eks-node-group';
import { LaunchTemplate } from '@cdktn/provider-aws/lib/launch-template';
import { SystemNodeGroup, type SystemNodeGroupProps } from '../../src/cluster/system-node-group';
import { all, only, synthScope, testCluster } from '../util';

function nodeGroup(props: Partial<SystemNodeGroupProps> = {}) {
  return synthScope((scope) => {
    const cluster = testCluster(scope);
    new SystemNodeGroup(scope, 'system', {
      cluster,
      name: 'test-system',
      subnetIds: ['subnet-a', 'subnet-b'],
      securityGroupIds: ['sg-cluster', 'sg-nodes'],
      size: 2,
      taints: [{ key: 'CriticalAddonsOnly', value: 'true', effect: 'NoSchedule' }],
      ...props,
    });
  });
}

describe('SystemNodeGroup', () => {
  test('renders an on-demand managed node group with its launch template and role', () => {
    expect(nodeGroup()).toMatchSnapshot();
  });

  test('requires IMDSv2 with a hop limit of 1', () => {
    expect(nodeGroup()).toHaveResourceWithProperties(LaunchTemplate, {
      metadata_options: { http_endpoint: 'enabled', http_tokens: 'required', http_put_response_hop_limit: 1, instance_metadata_tags: 'disabled' },
    });
  });

  test('encrypts its gp3 root volume', () => {
    const template = only(nodeGroup(), 'aws_launch_template');
    expect(template.block_device_mappings).toEqual([
      { device_name: '/dev/xvda', ebs: { volume_size: 50, volume_type: 'gp3', encrypted: 'true', delete_on_termination: 'true' } },
    ]);
  });

  test('runs on-demand, tainted for critical add-ons, through the launch template', () => {
    const json = nodeGroup();
    expect(json).toHaveResourceWithProperties(EksNodeGroup, {
      node_group_name: 'test-system',
      capacity_type: 'ON_DEMAND',
      taint: [{ key: 'CriticalAddonsOnly', value: 'true', effect: 'NO_SCHEDULE' }],
      scaling_config: { min_size: 2, desired_size: 2, max_size: 4 },
      launch_template: { id: expect.stringMatching(/^\$\{aws_launch_template\./), version: expect.stringMatching(/latest_version\}$/) },
    });
    expect(only(json, 'aws_eks_node_group').remote_access).toBeUndefined();
  });

  test('gives the node role the worker, CNI, registry and Session Manager policies', () => {
    const attached = all(nodeGroup(), 'aws_iam_role_policy_attachment').map((a) => a.policy_arn);
    expect(attached).toEqual(
      expect.arrayContaining([
        'arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy',
        'arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy',
        'arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPullOnly',
        'arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore',
      ]),
    );
  });

  test('fails when the size is not a positive integer', () => {
    expect(() => nodeGroup({ size: 0 })).toThrow('SystemNodeGroup system: size = 0: must be a positive integer');
  });

  test('fails when the maximum is below the size', () => {
    expect(() => nodeGroup({ size: 3, maxSize: 2 })).toThrow('SystemNodeGroup system: maxSize = 2: must be an integer no smaller than size (3)');
  });

  test('fails when the root volume is too small for the AMI', () => {
    expect(() => nodeGroup({ rootVolumeGiB: 8 })).toThrow('SystemNodeGroup system: rootVolumeGiB = 8: must be an integer of at least 20');
  });
});

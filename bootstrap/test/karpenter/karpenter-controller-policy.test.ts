import { karpenterControllerStatements } from '../../src/karpenter/karpenter-controller-policy';
import { location } from '../util';

const statements = karpenterControllerStatements({
  location,
  clusterName: 'demo',
  nodeRoleArn: 'arn:aws:iam::123456789012:role/demo-karpenter-node',
  interruptionQueueArn: 'arn:aws:sqs:eu-west-1:123456789012:demo-karpenter-interruptions',
});
const bySid = (sid: string) => statements.find((s) => s.Sid === sid)!;

describe('karpenterControllerStatements', () => {
  test('match the reviewed policy', () => {
    expect(statements).toMatchSnapshot();
  });

  test('scope launches, tagging and deletion to this cluster and a NodePool', () => {
    for (const sid of ['AllowScopedEC2LaunchTemplateAccessActions', 'AllowScopedDeletion']) {
      expect(bySid(sid).Condition).toEqual({
        StringEquals: { 'aws:ResourceTag/kubernetes.io/cluster/demo': 'owned' },
        StringLike: { 'aws:ResourceTag/karpenter.sh/nodepool': '*' },
      });
    }
    expect(bySid('AllowScopedEC2InstanceActionsWithTags').Condition!.StringEquals).toEqual({
      'aws:RequestTag/kubernetes.io/cluster/demo': 'owned',
      'aws:RequestTag/eks:eks-cluster-name': 'demo',
    });
  });

  test('pass only the node role, to EC2 only', () => {
    expect(bySid('AllowPassingInstanceRole')).toMatchObject({
      Resource: 'arn:aws:iam::123456789012:role/demo-karpenter-node',
      Action: 'iam:PassRole',
      Condition: { StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } },
    });
  });

  test('read only the interruption queue and describe only this cluster', () => {
    expect(bySid('AllowInterruptionQueueActions').Resource).toBe('arn:aws:sqs:eu-west-1:123456789012:demo-karpenter-interruptions');
    expect(bySid('AllowAPIServerEndpointDiscovery').Resource).toBe('arn:aws:eks:eu-west-1:123456789012:cluster/demo');
  });

  test('grant every write only under a condition or on a scoped resource', () => {
    const unscoped = statements.filter((s) => s.Resource === '*' && !s.Condition).flatMap((s) => [s.Action].flat());
    expect(unscoped.sort()).toEqual(['iam:ListInstanceProfiles', 'pricing:GetProducts']);
  });
});

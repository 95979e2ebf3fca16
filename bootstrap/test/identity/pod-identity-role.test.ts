import { EksPodIdentityAssociation } from '@cdktn/provider-aws/lib/eks-pod-identity-association';
import { environments } from '../../../environments';
import { AWS_NAME_LIMITS, clusterNameLimit, derivedNames } from '../../../environments/names';
import { PodIdentityRole, type PodIdentityRoleProps } from '../../src/identity/pod-identity-role';
import { all, policyOf, synthScope, testCluster } from '../util';

function podIdentity(props: Partial<PodIdentityRoleProps> = {}) {
  return synthScope((scope) => {
    new PodIdentityRole(scope, 'keda', {
      cluster: testCluster(scope),
      roleName: 'test-cluster-keda-operator',
      namespace: 'keda',
      serviceAccount: 'keda-operator',
      statements: [{ Effect: 'Allow', Action: 'sqs:GetQueueAttributes', Resource: 'arn:aws:sqs:eu-west-1:123456789012:orders' }],
      ...props,
    });
  });
}

function roleNamed(json: string, name: string) {
  return all(json, 'aws_iam_role').find((r) => r.name === name)!;
}

describe('PodIdentityRole', () => {
  test('renders the role, its permissions and the association', () => {
    expect(podIdentity()).toMatchSnapshot();
  });

  test('trusts only this service account of this cluster in this account', () => {
    const trust = policyOf(roleNamed(podIdentity(), 'test-cluster-keda-operator'), 'assume_role_policy');
    expect(trust.Statement).toEqual([
      {
        Sid: 'EksPodIdentityForOneServiceAccount',
        Effect: 'Allow',
        Principal: { Service: 'pods.eks.amazonaws.com' },
        Action: ['sts:AssumeRole', 'sts:TagSession'],
        Condition: {
          StringEquals: {
            'aws:SourceAccount': '123456789012',
            'aws:RequestTag/eks-cluster-name': 'test-cluster',
            'aws:RequestTag/kubernetes-namespace': 'keda',
            'aws:RequestTag/kubernetes-service-account': 'keda-operator',
          },
        },
      },
    ]);
  });

  test('associates the service account with the role', () => {
    expect(podIdentity()).toHaveResourceWithProperties(EksPodIdentityAssociation, {
      cluster_name: expect.stringMatching(/aws_eks_cluster/),
      namespace: 'keda',
      service_account: 'keda-operator',
      role_arn: expect.stringMatching(/^\$\{aws_iam_role\.keda_role_.*\.arn\}$/),
    });
  });

  test('attaches managed policies and skips the association when an add-on makes it', () => {
    const json = podIdentity({ statements: [], managedPolicies: ['service-role/AmazonEBSCSIDriverPolicy'], associate: false });
    const attached = all(json, 'aws_iam_role_policy_attachment').filter((a) => /keda_role/.test(a.role));
    expect(attached.map((a) => a.policy_arn)).toEqual(['arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy']);
    expect(all(json, 'aws_eks_pod_identity_association')).toHaveLength(0);
  });

  test('fails when the role has no permissions at all', () => {
    expect(() => podIdentity({ statements: [] })).toThrow('PodIdentityRole keda: statements and managedPolicies are empty: a role with no permissions is a mistake');
  });

  test('fails when the role name breaks the IAM rule', () => {
    expect(() => podIdentity({ roleName: 'x'.repeat(65) })).toThrow(`PodIdentityRole keda: roleName = ${'x'.repeat(65)}: must be at most 64 letters`);
  });
});

describe('PodIdentityRole and the environment rules share one limit', () => {
  const prod = environments.find((e) => e.name === 'prod')!;
  const withCluster = (name: string) => ({ ...prod, cluster: { ...prod.cluster, name } });
  const longestRole = (clusterName: string) =>
    derivedNames(withCluster(clusterName))
      .filter((d) => d.limit === AWS_NAME_LIMITS.iamRole && d.what.startsWith('IAM role'))
      .sort((a, b) => b.name.length - a.name.length)[0].name;

  test('a cluster name at the derived limit gives role names the construct accepts', () => {
    const name = 'c'.repeat(clusterNameLimit(prod).length);
    expect(() => podIdentity({ roleName: longestRole(name) })).not.toThrow();
  });

  test('fails when the IAM role name derived from the cluster name exceeds 64 characters', () => {
    const role = longestRole('c'.repeat(AWS_NAME_LIMITS.iamRole));
    expect(role.length).toBeGreaterThan(AWS_NAME_LIMITS.iamRole);
    expect(() => podIdentity({ roleName: role })).toThrow(`roleName = ${role}: must be at most 64 letters, digits or +=,.@_- (IAM rule)`);
  });
});

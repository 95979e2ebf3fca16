import { bucketReadStatements, bucketReadWriteStatements } from '../../src/controllers/bucket-access-policy';
import { ecrPullStatements } from '../../src/controllers/ecr-pull-policy';
import { externalSecretsReaderStatements } from '../../src/controllers/external-secrets-policy';
import { kedaQueueReaderStatements } from '../../src/controllers/keda-policy';
import { loadBalancerControllerStatements } from '../../src/controllers/load-balancer-controller-policy';
import { queueConsumerStatements, queueSenderStatements } from '../../src/controllers/queue-access-policy';
import { location } from '../util';

describe('kedaQueueReaderStatements', () => {
  test('read the depth of the given queues only', () => {
    expect(kedaQueueReaderStatements(['arn:aws:sqs:eu-west-1:123456789012:orders'])).toEqual([
      { Sid: 'ReadScaledQueueDepth', Effect: 'Allow', Action: ['sqs:GetQueueAttributes', 'sqs:GetQueueUrl'], Resource: ['arn:aws:sqs:eu-west-1:123456789012:orders'] },
    ]);
  });

  test('fails when no queue is named', () => {
    expect(() => kedaQueueReaderStatements([])).toThrow('kedaQueueReaderStatements: queueArns is empty: name the queues KEDA scales on');
  });
});

describe('externalSecretsReaderStatements', () => {
  test('read secrets under the environment prefix only', () => {
    const [read] = externalSecretsReaderStatements(location, 'prod/');
    expect(read.Resource).toBe('arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/*');
    expect(read.Action).not.toContain('secretsmanager:ListSecrets');
    expect([read.Action].flat().every((a) => /^secretsmanager:(Get|Describe|List)/.test(a))).toBe(true);
  });

  test('decrypt with the given key only through Secrets Manager', () => {
    const [, decrypt] = externalSecretsReaderStatements(location, 'prod/', 'arn:aws:kms:eu-west-1:123456789012:key/abc');
    expect(decrypt).toEqual({
      Sid: 'DecryptEnvironmentSecrets',
      Effect: 'Allow',
      Action: 'kms:Decrypt',
      Resource: 'arn:aws:kms:eu-west-1:123456789012:key/abc',
      Condition: { StringEquals: { 'kms:ViaService': 'secretsmanager.eu-west-1.amazonaws.com' } },
    });
    expect(externalSecretsReaderStatements(location, 'prod/')).toHaveLength(1);
  });

  test('fails when the prefix would grant every secret', () => {
    expect(() => externalSecretsReaderStatements(location, '')).toThrow('externalSecretsReaderStatements: prefix = : must be a path ending in / such as prod/');
  });
});

describe('loadBalancerControllerStatements', () => {
  const statements = loadBalancerControllerStatements({ location, clusterName: 'demo', vpcId: 'vpc-123' });

  test('match the reviewed policy', () => {
    expect(statements).toMatchSnapshot();
  });

  test('mutate only load balancers and security groups tagged for this cluster', () => {
    const owned = statements.filter((s) => s.Sid?.startsWith('ManageOwn'));
    expect(owned).toHaveLength(2);
    for (const s of owned) expect(s.Condition).toEqual({ StringEquals: { 'aws:ResourceTag/elbv2.k8s.aws/cluster': 'demo' } });
    expect(statements.find((s) => s.Sid === 'CreateLoadBalancersAndTargetGroupsForThisCluster')!.Condition).toEqual({
      StringEquals: { 'aws:RequestTag/elbv2.k8s.aws/cluster': 'demo' },
    });
  });

  test('edit security groups inside this VPC only', () => {
    expect(statements.find((s) => s.Sid === 'OpenNodeSecurityGroupsToLoadBalancersInThisVpc')!.Condition).toEqual({
      ArnEquals: { 'ec2:Vpc': 'arn:aws:ec2:eu-west-1:123456789012:vpc/vpc-123' },
    });
    expect(statements.find((s) => s.Sid === 'CreateSecurityGroupsInThisVpc')!.Resource).toEqual([
      'arn:aws:ec2:eu-west-1:123456789012:security-group/*',
      'arn:aws:ec2:eu-west-1:123456789012:vpc/vpc-123',
    ]);
  });
});

describe('bucket and queue access statements', () => {
  test('let Loki read and write its bucket only', () => {
    const statements = bucketReadWriteStatements('arn:aws:s3:::demo-logs');
    expect(statements.map((s) => s.Resource)).toEqual(['arn:aws:s3:::demo-logs', 'arn:aws:s3:::demo-logs/*']);
  });

  test('let OpenCost read the spot data feed prefix only', () => {
    const statements = bucketReadStatements('arn:aws:s3:::demo-feed', 'spot-data-feed');
    expect(statements[0].Condition).toEqual({ StringLike: { 's3:prefix': ['spot-data-feed*'] } });
    expect(statements[1]).toMatchObject({ Action: 's3:GetObject', Resource: 'arn:aws:s3:::demo-feed/spot-data-feed*' });
  });

  test('let the API send and the worker consume, on the work queue only', () => {
    const queue = 'arn:aws:sqs:eu-west-1:123456789012:orders';
    expect(queueSenderStatements(queue)[0].Action).toContain('sqs:SendMessage');
    expect(queueSenderStatements(queue)[0].Action).not.toContain('sqs:ReceiveMessage');
    expect(queueConsumerStatements(queue)[0].Action).toEqual(expect.arrayContaining(['sqs:ReceiveMessage', 'sqs:DeleteMessage']));
    expect(queueConsumerStatements(queue)[0].Action).not.toContain('sqs:SendMessage');
    for (const s of [...queueSenderStatements(queue), ...queueConsumerStatements(queue)]) expect(s.Resource).toBe(queue);
  });
});

describe('ecrPullStatements', () => {
  test('pull, never push, from the repositories of this account and region', () => {
    const statements = ecrPullStatements(location);
    expect(statements).toMatchSnapshot();
    const actions = statements.flatMap((s) => [s.Action].flat());
    expect(actions.every((a) => /^ecr:(GetAuthorizationToken|BatchGetImage|BatchCheckLayerAvailability|GetDownloadUrlForLayer)$/.test(a))).toBe(true);
    expect(statements[1].Resource).toBe('arn:aws:ecr:eu-west-1:123456789012:repository/*');
  });
});

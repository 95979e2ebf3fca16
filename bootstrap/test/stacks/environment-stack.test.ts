import { EksCluster } from '@cdktn/provider-aws/lib/eks-cluster';
import { Testing } from 'cdktn';
import { LaunchTemplate } from '@cdktn/provider-aws/lib/launch-template';
import { SqsQueue } from '@cdktn/provider-aws/lib/sqs-queue';
import { awsNames } from '../../../environments';
import { derivedNameRule } from '../../../environments/names';
import { EnvironmentStack } from '../../src/stacks/environment-stack';
import { UPSTREAM } from '../../../lib/upstream/pins';
import { HelmRelease } from '../../src/providers/helm-release';
import { APP_CONTEXT } from '../../src/bootstrap-app';
import { all, env, environmentStack, only, policyOf, resources } from '../util';

const ENVIRONMENTS = ['dev', 'staging', 'prod'] as const;

describe.each(ENVIRONMENTS)('EnvironmentStack %s', (name) => {
  const { json } = environmentStack(name);
  const config = env(name);
  const names = awsNames(config);
  const parsed = JSON.parse(json);

  test("passes CDK Terrain's validations for the targeted Terraform versions", () => {
    expect(() => Testing.synth(environmentStack(name).stack, true)).not.toThrow();
  });

  test('keeps its state in S3 with native locking, one key per environment', () => {
    expect(parsed.terraform.backend).toEqual({
      s3: { bucket: names.terraformState.bucket, key: `${name}/bootstrap.tfstate`, region: config.aws.region, encrypt: true, use_lockfile: true },
    });
    // No required_version: Checkov's Terraform JSON parser rejects it; Terraform before 1.10
    // already refuses `use_lockfile`, and CDK Terrain checks features against TARGET_VERSIONS.
    expect(parsed.terraform.required_version).toBeUndefined();
  });

  test('pins every provider and refuses other accounts', () => {
    expect(Object.values(parsed.terraform.required_providers).map((p: any) => p.version)).toEqual(['6.66.0', '3.1.1', '2.38.0']);
    expect(parsed.provider.aws[0].allowed_account_ids).toEqual([config.aws.accountId]);
    expect(parsed.provider.aws[0].default_tags[0].tags['cost-center']).toBe(config.ownership.costCenter);
  });

  test('spreads three subnet tiers over the environment zones', () => {
    const subnets = all(json, 'aws_subnet');
    expect(subnets).toHaveLength(config.aws.availabilityZones.length * 3);
    expect(new Set(subnets.map((s) => s.availability_zone))).toEqual(new Set(config.aws.availabilityZones));
  });

  test('runs a private cluster of the configured version with encrypted Secrets', () => {
    expect(json).toHaveResourceWithProperties(EksCluster, {
      name: config.cluster.name,
      version: config.cluster.kubernetesVersion,
      vpc_config: expect.objectContaining({ endpoint_private_access: true, endpoint_public_access: false }),
      encryption_config: { resources: ['secrets'], provider: { key_arn: expect.stringMatching(/aws_kms_key\.secrets-key/) } },
    });
  });

  test('rotates every KMS key', () => {
    const keys = all(json, 'aws_kms_key');
    expect(keys).toHaveLength(2);
    for (const key of keys) expect(key.enable_key_rotation).toBe(true);
  });

  test('requires IMDSv2 and encrypts volumes of the system nodes', () => {
    expect(json).toHaveResourceWithProperties(LaunchTemplate, {
      metadata_options: { http_endpoint: 'enabled', http_tokens: 'required', http_put_response_hop_limit: 1, instance_metadata_tags: 'disabled' },
      block_device_mappings: [expect.objectContaining({ ebs: expect.objectContaining({ encrypted: 'true', volume_type: 'gp3' }) })],
    });
  });

  test('installs the core add-ons, the CNI with network policy enforcement', () => {
    const addons = all(json, 'aws_eks_addon');
    expect(addons.map((a) => a.addon_name).sort()).toEqual(['aws-ebs-csi-driver', 'coredns', 'eks-pod-identity-agent', 'kube-proxy', 'vpc-cni']);
    expect(JSON.parse(addons.find((a) => a.addon_name === 'vpc-cni')!.configuration_values)).toEqual({ enableNetworkPolicy: 'true' });
    // Until Karpenter runs, only the tainted system nodes exist: the EBS CSI controller must tolerate them.
    expect(JSON.parse(addons.find((a) => a.addon_name === 'aws-ebs-csi-driver')!.configuration_values)).toEqual({
      controller: { tolerations: [{ key: 'CriticalAddonsOnly', operator: 'Exists', effect: 'NoSchedule' }] },
    });
  });

  test('encrypts every SQS queue and every log group', () => {
    for (const queue of all(json, 'aws_sqs_queue')) expect(queue.sqs_managed_sse_enabled).toBe(true);
    expect(json).toHaveResourceWithProperties(SqsQueue, { name: names.interruptionQueue, message_retention_seconds: 300, sqs_managed_sse_enabled: true });
    for (const group of all(json, 'aws_cloudwatch_log_group')) expect(group.kms_key_id).toMatch(/aws_kms_key\.logs-key/);
  });

  test('creates one immutable, scanned ECR repository per demo component', () => {
    const repositories = all(json, 'aws_ecr_repository');
    expect(repositories.map((r) => r.name).sort()).toEqual(Object.values(names.ecrRepositories).sort());
    for (const repository of repositories) {
      expect(repository).toMatchObject({ image_tag_mutability: 'IMMUTABLE', image_scanning_configuration: { scan_on_push: true } });
    }
  });

  test('lets KEDA read the work queue only', () => {
    const keda = all(json, 'aws_iam_role_policy').find((p) => p.role.includes('pod-identity-keda_'))!;
    expect(policyOf(keda).Statement).toEqual([expect.objectContaining({ Resource: [expect.stringMatching(/aws_sqs_queue\.work-queue_[0-9A-F]+\.arn/)] })]);
  });

  test('lets External Secrets read this environment prefix only', () => {
    const eso = all(json, 'aws_iam_role_policy').find((p) => p.role.includes('pod-identity-externalSecrets'))!;
    expect(policyOf(eso).Statement[0].Resource).toBe(`arn:aws:secretsmanager:${config.aws.region}:${config.aws.accountId}:secret:${names.secretsPrefix}*`);
  });

  test('installs the pinned Argo CD on the system nodes, then the root Application', () => {
    expect(json).toHaveResourceWithProperties(HelmRelease, { chart: 'argo-cd', version: UPSTREAM['argo-cd'].chart.version });
    const values = JSON.parse(only(json, 'helm_release').values[0]);
    expect(values.global.tolerations).toEqual([{ key: 'CriticalAddonsOnly', operator: 'Exists', effect: 'NoSchedule' }]);
    expect(values.global.nodeSelector['eks.amazonaws.com/nodegroup']).toBe(names.systemNodeGroup);
    expect(only(json, 'kubernetes_manifest').manifest).toMatchObject({ kind: 'Application', metadata: { name: `${name}-root`, namespace: 'argocd' } });
    // The README's two-step apply targets this address.
    expect(resources(json, 'helm_release').map(([address]) => address)).toEqual(['argocd_argo-cd_D70B5DB5']);
  });

  test('outputs what operators and the charts need', () => {
    expect(Object.keys(parsed.output)).toEqual(
      expect.arrayContaining(['cluster_endpoint', 'cluster_name', 'karpenter_node_role_arn', 'karpenter_role_arn', 'keda_role_arn', 'karpenter_interruption_queue_url', 'work_queue_url']),
    );
  });
});

// One snapshot shows what a change does; the other environments differ by data only.
test('EnvironmentStack dev matches the snapshot', () => {
  expect(environmentStack('dev').json).toMatchSnapshot();
});

describe('EnvironmentStack NAT layout', () => {
  test('gives production one NAT gateway per zone and the others a shared one', () => {
    expect(all(environmentStack('prod').json, 'aws_nat_gateway')).toHaveLength(env('prod').aws.availabilityZones.length);
    expect(all(environmentStack('staging').json, 'aws_nat_gateway')).toHaveLength(1);
    expect(all(environmentStack('dev').json, 'aws_nat_gateway')).toHaveLength(1);
  });

  test('protects only the production cluster from deletion', () => {
    expect(only(environmentStack('prod').json, 'aws_eks_cluster').deletion_protection).toBe(true);
    expect(only(environmentStack('dev').json, 'aws_eks_cluster').deletion_protection).toBe(false);
  });

  test('fails when a name derived from the cluster name exceeds its AWS limit (the rule the configuration validator applies)', () => {
    const long = { ...env('prod'), cluster: { ...env('prod').cluster, name: 'platform-production-eu-west-1-blue-a' } };
    expect(() => new EnvironmentStack(Testing.app({ context: { ...APP_CONTEXT } }), long)).toThrow(
      `prod: cluster.name = "platform-production-eu-west-1-blue-a": ${derivedNameRule(long)}`,
    );
    expect(derivedNameRule(long)).toContain('IAM role');
  });
});

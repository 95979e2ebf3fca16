import { EksCluster } from '@cdktn/provider-aws/lib/eks-cluster';
import { Testing } from 'cdktn';
import { LaunchTemplate } from '@cdktn/provider-aws/lib/launch-template';
import { SqsQueue } from '@cdktn/provider-aws/lib/sqs-queue';
import { awsNames, demoAppNames } from '../../../environments';
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
    expect(keys).toHaveLength(3);
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
    expect(repositories.map((r) => r.name).sort()).toEqual([...Object.values(demoAppNames(config).ecrRepositories), ...Object.values(names.ecrRepositories)].sort());
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

  test('installs the pinned Argo CD on the system nodes, then the root AppProject and Application', () => {
    expect(json).toHaveResourceWithProperties(HelmRelease, { chart: 'argo-cd', version: UPSTREAM['argo-cd'].chart.version });
    const argocd = Object.fromEntries(resources(json, 'helm_release'))['argocd_argo-cd_D70B5DB5'];
    const values = JSON.parse(argocd.values[0]);
    expect(values.global.tolerations).toEqual([{ key: 'CriticalAddonsOnly', operator: 'Exists', effect: 'NoSchedule' }]);
    expect(values.global.nodeSelector['eks.amazonaws.com/nodegroup']).toBe(names.systemNodeGroup);
    const manifests = resources(json, 'kubernetes_manifest').map(([, m]) => m.manifest);
    expect(manifests).toEqual([
      expect.objectContaining({ kind: 'Application', metadata: expect.objectContaining({ name: `${name}-root`, namespace: 'argocd' }), spec: expect.objectContaining({ project: 'root' }) }),
      expect.objectContaining({ kind: 'AppProject', metadata: expect.objectContaining({ name: 'root', namespace: 'argocd' }) }),
    ]);
    // The README's two-step apply targets the Argo CD address; the controller comes with it.
    expect(resources(json, 'helm_release').map(([address]) => address).sort()).toEqual(['argocd_argo-cd_D70B5DB5', 'aws-load-balancer-controller']);
    expect(argocd.depends_on).toContain('helm_release.aws-load-balancer-controller');
  });

  test('installs the pinned load balancer controller in kube-system, with its Pod Identity in place first', () => {
    const release = Object.fromEntries(resources(json, 'helm_release'))['aws-load-balancer-controller'];
    expect(release).toMatchObject({ chart: 'aws-load-balancer-controller', version: UPSTREAM['aws-load-balancer-controller'].chart.version, namespace: 'kube-system', create_namespace: false });
    expect(release.depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/^aws_eks_pod_identity_association\.pod-identity-loadBalancerController/), expect.stringMatching(/^aws_eks_node_group\./)]));
    const values = JSON.parse(release.values[0]);
    expect(values.vpcId).toMatch(/^\$\{aws_vpc\.network_vpc_[0-9A-F]+\.id\}$/);
    expect(values.replicaCount).toBe(name === 'prod' ? 2 : 1);
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

describe('EnvironmentStack prerequisites', () => {
  test('creates the web ACL only where the public ALB is associated with it (prod)', () => {
    expect(all(environmentStack('prod').json, 'aws_wafv2_web_acl').map((w) => w.name)).toEqual([awsNames(env('prod')).webAcl]);
    expect(all(environmentStack('dev').json, 'aws_wafv2_web_acl')).toEqual([]);
  });

  test('encrypts every secret with the Secrets Manager key External Secrets may decrypt', () => {
    const { json } = environmentStack('prod');
    const key = resources(json, 'aws_kms_key').find(([address]) => address.startsWith('secretsmanager-key'))!;
    const secrets = all(json, 'aws_secretsmanager_secret');
    expect(secrets.map((s) => s.name).sort()).toEqual(['prod/demo/postgres', 'prod/demo/redis', 'prod/monitoring/alertmanager', 'prod/monitoring/grafana-admin']);
    for (const secret of secrets) expect(secret.kms_key_id).toBe(`\${aws_kms_key.${key[0]}.arn}`);
    const externalSecrets = all(json, 'aws_iam_role_policy').map((p) => policyOf(p)).find((p) => p.Statement.some((s) => s.Sid === 'DecryptEnvironmentSecrets'))!;
    expect(externalSecrets.Statement.find((s) => s.Sid === 'DecryptEnvironmentSecrets')!.Resource).toBe(`\${aws_kms_key.${key[0]}.arn}`);
  });

  test('without the demo app: the platform alone, no demo queue, registries, roles, secrets or web ACL', () => {
    const config = { ...env('prod'), components: { ...env('prod').components, demoApp: false, chaos: false } };
    const json = Testing.synth(new EnvironmentStack(Testing.app({ context: { ...APP_CONTEXT } }), config), true);
    const demo = demoAppNames(config);
    expect(all(json, 'aws_sqs_queue').map((q) => q.name)).toEqual([awsNames(config).interruptionQueue]);
    expect(all(json, 'aws_ecr_repository').map((r) => r.name)).toEqual(Object.values(awsNames(config).ecrRepositories));
    const roles = all(json, 'aws_iam_role').map((r) => r.name);
    for (const identity of Object.values(demo.podIdentities)) expect(roles).not.toContain(identity.roleName);
    // KEDA has no queue to read without the demo app, so it gets no AWS role.
    expect(roles).not.toContain(awsNames(config).podIdentities.keda.roleName);
    expect(roles).toContain(awsNames(config).podIdentities.karpenter.roleName);
    expect(all(json, 'aws_secretsmanager_secret').map((s) => s.name).sort()).toEqual(['prod/monitoring/alertmanager', 'prod/monitoring/grafana-admin']);
    expect(all(json, 'aws_wafv2_web_acl')).toEqual([]);
    expect(all(json, 'aws_eks_cluster')).toHaveLength(1);
  });
});

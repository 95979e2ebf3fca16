import { AwsProvider } from '@cdktn/provider-aws/lib/provider';
import { SpotDatafeedSubscription } from '@cdktn/provider-aws/lib/spot-datafeed-subscription';
import { S3Backend, TerraformOutput, TerraformStack } from 'cdktn';
import type { Construct } from 'constructs';
import { ARGOCD_NAMESPACE, rootObjects } from '../../../charts/argocd/root-application';
import { awsNames, demoAppNames, systemNodeGroupOf, type AwsNames, type DemoAppNames, type EnvironmentConfig, type PodIdentity } from '../../../environments';
import { derivedNameRule } from '../../../environments/names';
import { SYSTEM_NODE_TOLERATION } from '../../../lib/scheduling/capacity';
import { UPSTREAM } from '../../../lib/upstream/pins';
import type { AwsLocation } from '../aws/arn';
import type { PolicyStatement } from '../aws/policy-document';
import { EksCluster } from '../cluster/eks-cluster';
import { NodeSecurityGroup } from '../cluster/node-security-group';
import { SystemNodeGroup } from '../cluster/system-node-group';
import { bucketReadStatements, bucketReadWriteStatements } from '../controllers/bucket-access-policy';
import { ecrPullStatements } from '../controllers/ecr-pull-policy';
import { externalSecretsReaderStatements } from '../controllers/external-secrets-policy';
import { kedaQueueReaderStatements } from '../controllers/keda-policy';
import { loadBalancerControllerStatements } from '../controllers/load-balancer-controller-policy';
import { queueConsumerStatements, queueSenderStatements } from '../controllers/queue-access-policy';
import { ArgoCdBootstrap } from '../gitops/argocd-bootstrap';
import { OperatorRole } from '../identity/operator-role';
import { PodIdentityRole } from '../identity/pod-identity-role';
import { InterruptionQueue } from '../karpenter/interruption-queue';
import { karpenterControllerStatements } from '../karpenter/karpenter-controller-policy';
import { KarpenterNodeRole } from '../karpenter/karpenter-node-role';
import { VpcEndpoints } from '../network/vpc-endpoints';
import { VpcNetwork } from '../network/vpc-network';
import { HelmProvider } from '../providers/helm-provider';
import { HelmRelease } from '../providers/helm-release';
import type { KubernetesObject } from '../providers/kubernetes-manifest';
import { KubernetesProvider } from '../providers/kubernetes-provider';
import { environmentSecrets } from '../secrets/environment-secrets';
import { ManagedSecret } from '../secrets/managed-secret';
import { EncryptionKey } from '../security/encryption-key';
import { WebAcl } from '../security/web-acl';
import { PrivateBucket } from '../storage/private-bucket';
import { ContainerRepository } from '../workloads/container-repository';
import { WorkQueue } from '../workloads/work-queue';
import { argoCdValues } from './argocd-values';
import { loadBalancerControllerValues } from './load-balancer-controller-values';
import { manualSteps } from './manual-steps';

type PodIdentityName = keyof AwsNames['podIdentities'] | keyof DemoAppNames['podIdentities'];

/** Service account of the EBS CSI controller (the add-on's fixed name). */
const EBS_CSI_SERVICE_ACCOUNT = 'ebs-csi-controller-sa';

/**
 * Everything AWS-side one environment needs before Argo CD can take over: network, EKS with its
 * system nodes and add-ons, the IAM roles and queues the controllers use, the demo app's registries,
 * queue and roles (while `components.demoApp` is on), and Argo CD with the environment's root
 * Application. One Terraform state per environment.
 */
export class EnvironmentStack extends TerraformStack {
  public readonly env: EnvironmentConfig;
  public readonly cluster: EksCluster;
  public readonly network: VpcNetwork;
  public readonly systemNodes: SystemNodeGroup;
  public readonly interruptionQueue: InterruptionQueue;
  /** The demo app's queue; absent without the demo app. */
  public readonly workQueue?: WorkQueue;
  /** The AWS Load Balancer Controller (Helm), installed before Argo CD. */
  public readonly loadBalancerController: HelmRelease;
  /**
   * The IAM role of every Pod Identity of `awsNames(env).podIdentities` (and of
   * `demoAppNames(env).podIdentities` with the demo app), by the same key; KEDA's only while it
   * has a queue to scale on.
   */
  public readonly podIdentities: Readonly<Partial<Record<PodIdentityName, PodIdentityRole>>>;

  constructor(scope: Construct, env: EnvironmentConfig) {
    super(scope, env.name);
    // The same rule the configuration validator applies: every derived AWS name fits its limit.
    const nameRule = derivedNameRule(env);
    if (nameRule) throw new Error(`${env.name}: cluster.name = ${JSON.stringify(env.cluster.name)}: ${nameRule}`);
    this.env = env;
    const names = awsNames(env);
    const demo = env.components.demoApp ? demoAppNames(env) : undefined;
    const clusterName = env.cluster.name;
    const location: AwsLocation = { accountId: env.aws.accountId, region: env.aws.region };

    new AwsProvider(this, 'aws', {
      region: location.region,
      // A plan against the wrong account fails instead of creating a second platform there.
      allowedAccountIds: [location.accountId],
      defaultTags: [
        { tags: { 'cost-center': env.ownership.costCenter, 'team': env.ownership.team, 'environment': env.name, 'managed-by': 'terraform' } },
      ],
    });
    new S3Backend(this, {
      bucket: names.terraformState.bucket,
      key: names.terraformState.key,
      region: location.region,
      encrypt: true,
      useLockfile: true,
    });

    const secretsKey = new EncryptionKey(this, 'secrets-key', { location, alias: `${clusterName}-eks-secrets`, description: `Kubernetes Secrets of ${clusterName}` });
    const secretsManagerKey = new EncryptionKey(this, 'secretsmanager-key', {
      location,
      alias: `${clusterName}-secretsmanager`,
      description: `Secrets Manager secrets of ${env.name} (read by External Secrets)`,
    });
    const logKey = new EncryptionKey(this, 'logs-key', {
      location,
      alias: `${clusterName}-logs`,
      description: `Control-plane and VPC flow logs of ${clusterName}`,
      allowCloudWatchLogs: true,
    });

    const discoveryTags = { [names.discoveryTagKey]: names.discoveryTagValue };
    this.network = new VpcNetwork(this, 'network', {
      name: clusterName,
      cidrBlock: env.cluster.vpcCidr,
      availabilityZones: env.aws.availabilityZones,
      // Production survives a zone outage with its egress; dev and staging share one NAT gateway.
      natGateways: env.tier === 'prod' ? 'per-zone' : 'single',
      appSubnetTags: discoveryTags,
      flowLogKey: logKey,
    });
    new VpcEndpoints(this, 'endpoints', { network: this.network, region: location.region });

    this.cluster = new EksCluster(this, 'cluster', {
      location,
      name: clusterName,
      kubernetesVersion: env.cluster.kubernetesVersion,
      subnetIds: this.network.appSubnetIds,
      publicAccessCidrs: env.cluster.publicAccessCidrs,
      secretsKey,
      logKey,
      deletionProtection: env.tier === 'prod',
    });
    const nodeSecurityGroup = new NodeSecurityGroup(this, 'node-security-group', { network: this.network, name: clusterName, tags: discoveryTags });
    this.cluster.tagClusterSecurityGroup(names.discoveryTagKey, names.discoveryTagValue);

    const admin = new OperatorRole(this, 'cluster-admin-role', {
      location,
      roleName: names.clusterAdminRole,
      description: `Cluster administrators of ${clusterName} (EKS access entry, cluster scope)`,
    });
    const adminAccess = this.cluster.grantClusterAdmin('cluster-admin', admin.arn);

    // Nodes need the CNI (and kube-proxy, the Pod Identity agent) to become Ready; CoreDNS and the
    // EBS CSI controller are Deployments and need nodes.
    const vpcCni = this.cluster.addAddon('vpc-cni', { configuration: { enableNetworkPolicy: 'true' } });
    const kubeProxy = this.cluster.addAddon('kube-proxy');
    const podIdentityAgent = this.cluster.addAddon('eks-pod-identity-agent');
    // The same spec the sync-plan gate schedules the early controllers against.
    const systemNodeGroup = systemNodeGroupOf(env);
    this.systemNodes = new SystemNodeGroup(this, 'system-nodes', {
      cluster: this.cluster,
      name: systemNodeGroup.name,
      subnetIds: this.network.appSubnetIds,
      securityGroupIds: [this.cluster.clusterSecurityGroupId, nodeSecurityGroup.id],
      size: systemNodeGroup.size,
      maxSize: systemNodeGroup.maxSize,
      instanceTypes: systemNodeGroup.instanceTypes,
      amiType: systemNodeGroup.amiType,
      taints: systemNodeGroup.taints,
      dependsOn: [vpcCni, kubeProxy, podIdentityAgent],
    });
    const coreDns = this.cluster.addAddon('coredns', { dependsOn: [this.systemNodes.nodeGroup] });
    const ebsCsiRole = new PodIdentityRole(this, 'ebs-csi-driver', {
      cluster: this.cluster,
      roleName: `${clusterName}-ebs-csi-driver`,
      namespace: 'kube-system',
      serviceAccount: EBS_CSI_SERVICE_ACCOUNT,
      managedPolicies: ['service-role/AmazonEBSCSIDriverPolicy'],
      associate: false,
    });
    this.cluster.addAddon('aws-ebs-csi-driver', {
      // Only the system nodes exist until Argo CD has installed Karpenter: the controller must fit there.
      configuration: { controller: { tolerations: [{ ...SYSTEM_NODE_TOLERATION }] } },
      podIdentity: { roleArn: ebsCsiRole.arn, serviceAccount: EBS_CSI_SERVICE_ACCOUNT },
      dependsOn: [this.systemNodes.nodeGroup, podIdentityAgent],
    });

    const karpenterNodeRole = new KarpenterNodeRole(this, 'karpenter-node-role', { cluster: this.cluster, roleName: names.karpenterNodeRole });
    this.interruptionQueue = new InterruptionQueue(this, 'karpenter-interruptions', { queueName: names.interruptionQueue });
    const workQueue = demo ? new WorkQueue(this, 'work-queue', { queueName: demo.workQueue }) : undefined;
    this.workQueue = workQueue;
    const scaledQueues = workQueue ? [workQueue.arn] : [];

    const lokiBucket = new PrivateBucket(this, 'loki-bucket', { bucketName: names.lokiBucket });
    // The spot data feed is delivered from an AWS account by ACL grant: ACLs stay enabled and
    // objects use SSE-S3 (another account cannot use this account's KMS keys).
    const spotFeedBucket = new PrivateBucket(this, 'spot-data-feed-bucket', {
      bucketName: names.spotDataFeed.bucket,
      encryption: 's3-managed',
      objectOwnership: 'BucketOwnerPreferred',
      expireAfterDays: 90,
    });
    new SpotDatafeedSubscription(this, 'spot-data-feed', { bucket: spotFeedBucket.bucketName, prefix: names.spotDataFeed.prefix, dependsOn: [spotFeedBucket.bucket] });

    // One entry per Pod Identity of awsNames() and demoAppNames(): a new identity there fails the
    // type-check here. An identity without permissions (the demo's without it) gets no role.
    const identities: Record<PodIdentityName, PodIdentity | undefined> = { ...names.podIdentities, demoApi: demo?.podIdentities.demoApi, demoWorker: demo?.podIdentities.demoWorker };
    const permissions: Record<PodIdentityName, readonly PolicyStatement[]> = {
      karpenter: karpenterControllerStatements({ location, clusterName, nodeRoleArn: karpenterNodeRole.arn, interruptionQueueArn: this.interruptionQueue.arn }),
      keda: scaledQueues.length > 0 ? kedaQueueReaderStatements(scaledQueues) : [],
      externalSecrets: externalSecretsReaderStatements(location, names.secretsPrefix, secretsManagerKey.arn),
      loadBalancerController: loadBalancerControllerStatements({ location, clusterName, vpcId: this.network.vpc.id }),
      loki: bucketReadWriteStatements(lokiBucket.arn),
      opencost: bucketReadStatements(spotFeedBucket.arn, names.spotDataFeed.prefix),
      trivyOperator: ecrPullStatements(location),
      demoApi: workQueue ? queueSenderStatements(workQueue.arn) : [],
      demoWorker: workQueue ? queueConsumerStatements(workQueue.arn) : [],
    };
    this.podIdentities = Object.fromEntries(
      (Object.keys(permissions) as PodIdentityName[])
        .filter((key) => identities[key] && permissions[key].length > 0)
        .map((key) => [key, new PodIdentityRole(this, `pod-identity-${key}`, { cluster: this.cluster, ...identities[key]!, statements: permissions[key] })]),
    );

    const repositories = Object.entries({ ...demo?.ecrRepositories, ...names.ecrRepositories }).map(
      ([component, repositoryName]) => [component, new ContainerRepository(this, `ecr-${component}`, { repositoryName })] as const,
    );

    // Everything the ExternalSecrets read exists before Argo CD syncs them.
    const secrets = environmentSecrets(env);
    for (const secret of secrets) new ManagedSecret(this, `secret-${secret.secretName.replace(/[^A-Za-z0-9]+/g, '-')}`, { ...secret, encryptionKey: secretsManagerKey });
    // The public ALB finds it by name (alb.ingress.kubernetes.io/wafv2-acl-name).
    const webAcl = demo && env.demoApp.webAcl ? new WebAcl(this, 'web-acl', { name: names.webAcl, logKey }) : undefined;

    // The Kubernetes side runs as the cluster admin role: Terraform's own identity has no access
    // entry (bootstrap_cluster_creator_admin_permissions is off).
    const connection = { ...this.cluster.connection, roleArn: admin.arn };
    const helmProvider = new HelmProvider(this, 'helm', { connection });
    const lbcChart = UPSTREAM['aws-load-balancer-controller'].chart;
    const lbcIdentity = this.podIdentities.loadBalancerController!;
    this.loadBalancerController = new HelmRelease(this, 'aws-load-balancer-controller', {
      provider: helmProvider,
      name: 'aws-load-balancer-controller',
      namespace: lbcIdentity.namespace,
      createNamespace: false,
      repository: lbcChart.repository,
      chart: lbcChart.name,
      version: lbcChart.version,
      values: loadBalancerControllerValues(env, this.network.vpc.id),
      // Nodes to run on, DNS, credentials from the start (the association before the first pod).
      dependsOn: [this.systemNodes.nodeGroup, coreDns, adminAccess, podIdentityAgent, ...(lbcIdentity.association ? [lbcIdentity.association] : [])],
    });
    const root = rootObjects(env);
    new ArgoCdBootstrap(this, 'argocd', {
      helmProvider,
      kubernetesProvider: new KubernetesProvider(this, 'kubernetes', { connection }),
      chart: UPSTREAM['argo-cd'].chart,
      namespace: ARGOCD_NAMESPACE,
      values: argoCdValues(env),
      rootApplication: root.application as unknown as KubernetesObject,
      rootProject: root.project as unknown as KubernetesObject,
      // The load balancer controller first: the `alb` IngressClass and its webhooks must exist
      // before Argo CD syncs the first Ingress.
      dependsOn: [this.systemNodes.nodeGroup, coreDns, adminAccess, this.loadBalancerController],
    });

    const outputs: Record<string, string> = {
      cluster_name: this.cluster.cluster.name,
      cluster_endpoint: this.cluster.cluster.endpoint,
      cluster_arn: this.cluster.cluster.arn,
      cluster_admin_role_arn: admin.arn,
      vpc_id: this.network.vpc.id,
      karpenter_node_role_arn: karpenterNodeRole.arn,
      karpenter_interruption_queue_url: this.interruptionQueue.url,
      ...(workQueue ? { work_queue_url: workQueue.url } : {}),
      loki_bucket: lokiBucket.bucketName,
      image_registry: names.imageRegistry,
    };
    if (webAcl) outputs.web_acl_arn = webAcl.arn;
    for (const [key, role] of Object.entries(this.podIdentities) as [string, PodIdentityRole][]) outputs[`${snakeCase(key)}_role_arn`] = role.arn;
    for (const [component, repository] of repositories) outputs[`ecr_${component}_repository_url`] = repository.url;
    for (const [name, value] of Object.entries(outputs)) new TerraformOutput(this, name, { value });
    new TerraformOutput(this, 'manual_steps', {
      value: manualSteps(env, secrets),
      description: 'What a person still has to do before Argo CD can bring the platform up: push or mirror images, fill in placeholder secrets',
    });
  }
}

function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

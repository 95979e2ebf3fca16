import type { EnvironmentConfig } from './types';

/** A Kubernetes service account that assumes an IAM role through EKS Pod Identity. */
export interface PodIdentity {
  readonly namespace: string;
  readonly serviceAccount: string;
  /** IAM role the association points at. */
  readonly roleName: string;
}

/**
 * AWS-side names shared by the manifests and the bootstrap. Both sides call this, so a name can
 * never drift between what Terraform creates and what the charts reference.
 */
export interface AwsNames {
  /** IAM role Karpenter nodes run with (EC2NodeClass `role`). */
  readonly karpenterNodeRole: string;
  /** SQS queue Karpenter reads spot interruption and rebalance events from. */
  readonly interruptionQueue: string;
  /** Tag key/value pair subnets and security groups carry for Karpenter discovery. */
  readonly discoveryTagKey: string;
  readonly discoveryTagValue: string;
  /** EKS managed node group running the system controllers (Karpenter itself, CoreDNS). */
  readonly systemNodeGroup: string;
  /** IAM role granted cluster-admin through an EKS access entry; operators and the bootstrap assume it. */
  readonly clusterAdminRole: string;
  /** S3 bucket (one per account and region, created once by hand) and key of the bootstrap's Terraform state. */
  readonly terraformState: { readonly bucket: string; readonly key: string };
  /** Secrets Manager path prefix External Secrets may read for this environment. */
  readonly secretsPrefix: string;
  /** S3 bucket Loki keeps log chunks and indexes in. */
  readonly lokiBucket: string;
  /** S3 bucket and key prefix the EC2 Spot Instance data feed writes to; OpenCost reads spot prices there. */
  readonly spotDataFeed: { readonly bucket: string; readonly prefix: string };
  /** Secrets Manager keys of the monitoring credentials (Alertmanager receivers, Grafana admin). */
  readonly monitoringSecrets: { readonly alertmanagerReceivers: string; readonly grafanaAdmin: string };
  /**
   * Registry host the environment's images are pulled from: the ECR registry of its own account
   * and region, where the bootstrap creates `ecrRepositories` (and the demo app's). Nodes pull with their role
   * (`AmazonEC2ContainerRegistryPullOnly`), so no cross-account trust is involved.
   */
  readonly imageRegistry: string;
  /** Regional WAFv2 web ACL the bootstrap creates and the public ALB is associated with (by name). */
  readonly webAcl: string;
  /** ECR repositories of the platform's own images. */
  readonly ecrRepositories: {
    /** Mirror of `registry.k8s.io/kubectl`, run by the chaos drill CronJob. */
    readonly kubectl: string;
  };
  /** Pod Identity associations, by controller. */
  readonly podIdentities: {
    readonly karpenter: PodIdentity;
    readonly keda: PodIdentity;
    readonly externalSecrets: PodIdentity;
    readonly loadBalancerController: PodIdentity;
    /** Loki: read and write `lokiBucket`. */
    readonly loki: PodIdentity;
    /** OpenCost: read the `spotDataFeed` bucket. */
    readonly opencost: PodIdentity;
    /** Trivy operator and its scan jobs: pull image layers from `imageRegistry` to scan them. */
    readonly trivyOperator: PodIdentity;
  };
}

/**
 * AWS-side names of the demo application, shared by its chart and the bootstrap. Apart from
 * `AwsNames` so that the platform's names never depend on the demo app: both sides ask for them
 * only while `components.demoApp` is on.
 */
export interface DemoAppNames {
  /** SQS queue the demo worker consumes (KEDA scales on its depth). */
  readonly workQueue: string;
  /** Secrets Manager keys of the demo stores' credentials (JSON: username, password). */
  readonly secrets: { readonly postgres: string; readonly redis: string };
  /** ECR repositories of the demo application, by component (redis and postgres are mirrors). */
  readonly ecrRepositories: {
    readonly frontend: string;
    readonly api: string;
    readonly worker: string;
    readonly redis: string;
    readonly postgres: string;
  };
  /** Pod Identity associations of the demo's services. */
  readonly podIdentities: {
    /** Demo API: send messages to `workQueue`. */
    readonly demoApi: PodIdentity;
    /** Demo queue worker: receive and delete messages of `workQueue`. */
    readonly demoWorker: PodIdentity;
  };
}

export function awsNames(env: EnvironmentConfig): AwsNames {
  const cluster = env.cluster.name;
  const secretsPrefix = `${env.name}/`;
  return {
    karpenterNodeRole: `${cluster}-karpenter-node`,
    interruptionQueue: `${cluster}-karpenter-interruptions`,
    discoveryTagKey: 'karpenter.sh/discovery',
    discoveryTagValue: cluster,
    systemNodeGroup: `${cluster}-system`,
    clusterAdminRole: `${cluster}-admin`,
    terraformState: { bucket: `terraform-state-${env.aws.accountId}-${env.aws.region}`, key: `${env.name}/bootstrap.tfstate` },
    secretsPrefix,
    lokiBucket: `${cluster}-logs-${env.aws.accountId}`,
    spotDataFeed: { bucket: `${cluster}-spot-feed-${env.aws.accountId}`, prefix: 'spot-data-feed' },
    monitoringSecrets: { alertmanagerReceivers: `${secretsPrefix}monitoring/alertmanager`, grafanaAdmin: `${secretsPrefix}monitoring/grafana-admin` },
    imageRegistry: `${env.aws.accountId}.dkr.ecr.${env.aws.region}.amazonaws.com`,
    webAcl: `${cluster}-alb`,
    ecrRepositories: { kubectl: 'mirror/kubectl' },
    podIdentities: {
      karpenter: { namespace: 'karpenter', serviceAccount: 'karpenter', roleName: `${cluster}-karpenter-controller` },
      keda: { namespace: 'keda', serviceAccount: 'keda-operator', roleName: `${cluster}-keda-operator` },
      externalSecrets: { namespace: 'external-secrets', serviceAccount: 'external-secrets', roleName: `${cluster}-external-secrets` },
      loadBalancerController: { namespace: 'kube-system', serviceAccount: 'aws-load-balancer-controller', roleName: `${cluster}-aws-load-balancer-controller` },
      loki: { namespace: 'monitoring', serviceAccount: 'loki', roleName: `${cluster}-loki` },
      opencost: { namespace: 'monitoring', serviceAccount: 'opencost', roleName: `${cluster}-opencost` },
      trivyOperator: { namespace: env.governance.vulnerabilityScanning.namespace, serviceAccount: 'trivy-operator', roleName: `${cluster}-trivy-operator` },
    },
  };
}

/** The demo application's AWS names in `env` (its secrets share the environment's `secretsPrefix`). */
export function demoAppNames(env: EnvironmentConfig): DemoAppNames {
  const cluster = env.cluster.name;
  const secretsPrefix = awsNames(env).secretsPrefix;
  return {
    workQueue: `${cluster}-orders`,
    secrets: { postgres: `${secretsPrefix}demo/postgres`, redis: `${secretsPrefix}demo/redis` },
    ecrRepositories: { frontend: 'demo/frontend', api: 'demo/api', worker: 'demo/worker', redis: 'mirror/redis', postgres: 'mirror/postgres' },
    podIdentities: {
      demoApi: { namespace: env.demoApp.appNamespace, serviceAccount: 'api', roleName: `${cluster}-demo-api` },
      demoWorker: { namespace: env.demoApp.appNamespace, serviceAccount: 'worker', roleName: `${cluster}-demo-worker` },
    },
  };
}

/** AWS name-length limits of the names derived from an environment. */
export const AWS_NAME_LIMITS = {
  /** IAM role names: 64 characters. */
  iamRole: 64,
  /** SQS queue names: 80 characters. */
  sqsQueue: 80,
  /** S3 bucket names: 63 characters. */
  s3Bucket: 63,
  /** EKS managed node group names: 63 characters. */
  eksNodeGroup: 63,
  /** EventBridge rule names: 64 characters. */
  eventBridgeRule: 64,
  /** WAFv2 web ACL names: 128 characters. */
  wafWebAcl: 128,
} as const;

/**
 * Suffixes of the EventBridge rules that feed Karpenter's interruption queue (the rule of each is
 * named `<interruptionQueue>-<suffix>`); the bootstrap creates exactly these.
 */
export const INTERRUPTION_RULE_SUFFIXES = ['health', 'spot-interruption', 'rebalance', 'state-change', 'capacity-reservation'] as const;
export type InterruptionRuleSuffix = (typeof INTERRUPTION_RULE_SUFFIXES)[number];

/** One name AWS will be asked to create, with the limit it must fit. */
export interface DerivedName {
  /** What it names, e.g. `IAM role podIdentities.loadBalancerController`. */
  readonly what: string;
  readonly name: string;
  readonly limit: number;
}

/** Every AWS name derived from `env` that has a length limit (the demo app's while it is on). */
export function derivedNames(env: EnvironmentConfig): DerivedName[] {
  const n = awsNames(env);
  const demo = env.components?.demoApp ? demoAppNames(env) : undefined;
  const podIdentities = { ...n.podIdentities, ...demo?.podIdentities };
  return [
    { what: 'IAM role karpenterNodeRole', name: n.karpenterNodeRole, limit: AWS_NAME_LIMITS.iamRole },
    { what: 'IAM role clusterAdminRole', name: n.clusterAdminRole, limit: AWS_NAME_LIMITS.iamRole },
    ...Object.entries(podIdentities).map(([key, p]) => ({ what: `IAM role podIdentities.${key}`, name: p.roleName, limit: AWS_NAME_LIMITS.iamRole })),
    { what: 'SQS queue interruptionQueue', name: n.interruptionQueue, limit: AWS_NAME_LIMITS.sqsQueue },
    ...(demo ? [{ what: 'SQS queue workQueue', name: demo.workQueue, limit: AWS_NAME_LIMITS.sqsQueue }] : []),
    ...INTERRUPTION_RULE_SUFFIXES.map((suffix) => ({ what: `EventBridge rule ${suffix}`, name: `${n.interruptionQueue}-${suffix}`, limit: AWS_NAME_LIMITS.eventBridgeRule })),
    { what: 'S3 bucket lokiBucket', name: n.lokiBucket, limit: AWS_NAME_LIMITS.s3Bucket },
    { what: 'S3 bucket spotDataFeed', name: n.spotDataFeed.bucket, limit: AWS_NAME_LIMITS.s3Bucket },
    { what: 'S3 bucket terraformState', name: n.terraformState.bucket, limit: AWS_NAME_LIMITS.s3Bucket },
    { what: 'EKS node group systemNodeGroup', name: n.systemNodeGroup, limit: AWS_NAME_LIMITS.eksNodeGroup },
    { what: 'WAF web ACL webAcl', name: n.webAcl, limit: AWS_NAME_LIMITS.wafWebAcl },
  ];
}

/**
 * The longest cluster name every derived name still fits with: the limit minus what the tightest
 * derived name adds to the cluster name. `env` supplies the other parts (account id, region).
 */
export function clusterNameLimit(env: EnvironmentConfig): { readonly length: number; readonly tightest: DerivedName } {
  const probe = (name: string) => derivedNames({ ...env, cluster: { ...env.cluster, name } });
  const empty = probe('');
  const one = probe('c');
  let best: { length: number; tightest: DerivedName } | undefined;
  empty.forEach((derived, i) => {
    // Only names that grow with the cluster name limit it.
    if (one[i].name.length === derived.name.length) return;
    const length = derived.limit - derived.name.length;
    if (!best || length < best.length) best = { length, tightest: one[i] };
  });
  return best!;
}

/**
 * The rule the cluster name breaks when a name derived from it exceeds its AWS limit, or
 * undefined. One rule for the configuration validator and the bootstrap's stacks.
 */
export function derivedNameRule(env: EnvironmentConfig): string | undefined {
  const over = derivedNames(env).filter((d) => d.name.length > d.limit);
  if (over.length === 0) return undefined;
  const limit = clusterNameLimit(env);
  return (
    `must be at most ${limit.length} characters (the tightest derived name is the ${limit.tightest.what}); derived names over their AWS limit: ` +
    over.map((d) => `${d.what} ${d.name} (${d.name.length} > ${d.limit})`).join(', ')
  );
}

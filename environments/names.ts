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
  /** SQS queue the demo worker consumes (KEDA scales on its depth). */
  readonly workQueue: string;
  /** Secrets Manager path prefix External Secrets may read for this environment. */
  readonly secretsPrefix: string;
  /** S3 bucket Loki keeps log chunks and indexes in. */
  readonly lokiBucket: string;
  /** S3 bucket and key prefix the EC2 Spot Instance data feed writes to; OpenCost reads spot prices there. */
  readonly spotDataFeed: { readonly bucket: string; readonly prefix: string };
  /** Secrets Manager keys of the monitoring credentials (Alertmanager receivers, Grafana admin). */
  readonly monitoringSecrets: { readonly alertmanagerReceivers: string; readonly grafanaAdmin: string };
  /** Secrets Manager keys of the demo stores' credentials (JSON: username, password). */
  readonly demoSecrets: { readonly postgres: string; readonly redis: string };
  /**
   * Registry host the environment's images are pulled from: the ECR registry of its own account
   * and region, where the bootstrap creates `ecrRepositories`. Nodes pull with their role
   * (`AmazonEC2ContainerRegistryPullOnly`), so no cross-account trust is involved.
   */
  readonly imageRegistry: string;
  /** Regional WAFv2 web ACL the bootstrap creates and the public ALB is associated with (by name). */
  readonly webAcl: string;
  /** ECR repositories of the demo application, by component (redis and postgres are mirrors). */
  readonly ecrRepositories: {
    readonly frontend: string;
    readonly api: string;
    readonly worker: string;
    readonly redis: string;
    readonly postgres: string;
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
    workQueue: `${cluster}-orders`,
    secretsPrefix,
    lokiBucket: `${cluster}-logs-${env.aws.accountId}`,
    spotDataFeed: { bucket: `${cluster}-spot-feed-${env.aws.accountId}`, prefix: 'spot-data-feed' },
    monitoringSecrets: { alertmanagerReceivers: `${secretsPrefix}monitoring/alertmanager`, grafanaAdmin: `${secretsPrefix}monitoring/grafana-admin` },
    demoSecrets: { postgres: `${secretsPrefix}demo/postgres`, redis: `${secretsPrefix}demo/redis` },
    imageRegistry: `${env.aws.accountId}.dkr.ecr.${env.aws.region}.amazonaws.com`,
    webAcl: `${cluster}-alb`,
    ecrRepositories: { frontend: 'demo/frontend', api: 'demo/api', worker: 'demo/worker', redis: 'mirror/redis', postgres: 'mirror/postgres', kubectl: 'mirror/kubectl' },
    podIdentities: {
      karpenter: { namespace: 'karpenter', serviceAccount: 'karpenter', roleName: `${cluster}-karpenter-controller` },
      keda: { namespace: 'keda', serviceAccount: 'keda-operator', roleName: `${cluster}-keda-operator` },
      externalSecrets: { namespace: 'external-secrets', serviceAccount: 'external-secrets', roleName: `${cluster}-external-secrets` },
      loadBalancerController: { namespace: 'kube-system', serviceAccount: 'aws-load-balancer-controller', roleName: `${cluster}-aws-load-balancer-controller` },
      loki: { namespace: 'monitoring', serviceAccount: 'loki', roleName: `${cluster}-loki` },
      opencost: { namespace: 'monitoring', serviceAccount: 'opencost', roleName: `${cluster}-opencost` },
      trivyOperator: { namespace: env.governance.vulnerabilityScanning.namespace, serviceAccount: 'trivy-operator', roleName: `${cluster}-trivy-operator` },
      demoApi: { namespace: env.workloads.appNamespace, serviceAccount: 'api', roleName: `${cluster}-demo-api` },
      demoWorker: { namespace: env.workloads.appNamespace, serviceAccount: 'worker', roleName: `${cluster}-demo-worker` },
    },
  };
}

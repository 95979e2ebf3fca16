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
  /** SQS queue the demo worker consumes (KEDA scales on its depth). */
  readonly workQueue: string;
  /** Secrets Manager path prefix External Secrets may read for this environment. */
  readonly secretsPrefix: string;
  /** ECR repositories of the demo application, by component. */
  readonly ecrRepositories: { readonly frontend: string; readonly api: string; readonly worker: string };
  /** Pod Identity associations, by controller. */
  readonly podIdentities: {
    readonly karpenter: PodIdentity;
    readonly keda: PodIdentity;
    readonly externalSecrets: PodIdentity;
    readonly loadBalancerController: PodIdentity;
  };
}

export function awsNames(env: EnvironmentConfig): AwsNames {
  const cluster = env.cluster.name;
  return {
    karpenterNodeRole: `${cluster}-karpenter-node`,
    interruptionQueue: `${cluster}-karpenter-interruptions`,
    discoveryTagKey: 'karpenter.sh/discovery',
    discoveryTagValue: cluster,
    workQueue: `${cluster}-orders`,
    secretsPrefix: `${env.name}/`,
    ecrRepositories: { frontend: 'demo/frontend', api: 'demo/api', worker: 'demo/worker' },
    podIdentities: {
      karpenter: { namespace: 'karpenter', serviceAccount: 'karpenter', roleName: `${cluster}-karpenter-controller` },
      keda: { namespace: 'keda', serviceAccount: 'keda-operator', roleName: `${cluster}-keda-operator` },
      externalSecrets: { namespace: 'external-secrets', serviceAccount: 'external-secrets', roleName: `${cluster}-external-secrets` },
      loadBalancerController: { namespace: 'kube-system', serviceAccount: 'aws-load-balancer-controller', roleName: `${cluster}-aws-load-balancer-controller` },
    },
  };
}

import { awsNames, type EnvironmentConfig } from '../../../environments';
import { MANAGED_NODE_GROUP_LABEL, SYSTEM_NODE_TOLERATION } from '../../../lib/scheduling/capacity';

/** IngressClass the controller creates; the demo app's Ingresses name it. */
export const ALB_INGRESS_CLASS = 'alb';

/**
 * Values of the aws-load-balancer-controller chart the bootstrap installs beside Argo CD. It
 * needs the VPC id (pods cannot read it from instance metadata: IMDSv2 hop limit 1), which only
 * this stack knows, and installing it before Argo CD means the `alb` IngressClass and the
 * controller's webhooks exist before the first Ingress is synced. The chart generates its webhook
 * certificate at render time, which Argo CD would see as a change on every sync; Helm run once by
 * Terraform does not.
 *
 * @param vpcId the VPC's id (a Terraform reference)
 */
export function loadBalancerControllerValues(env: EnvironmentConfig, vpcId: string): Record<string, unknown> {
  const names = awsNames(env);
  const prod = env.tier === 'prod';
  return {
    clusterName: env.cluster.name,
    region: env.aws.region,
    vpcId,
    replicaCount: prod ? 2 : 1,
    // EKS Pod Identity binds the controller role to this service account: no IRSA annotation.
    serviceAccount: { create: true, name: names.podIdentities.loadBalancerController.serviceAccount },
    // On the system node group: it runs before Karpenter has launched any node.
    nodeSelector: { 'kubernetes.io/os': 'linux', [MANAGED_NODE_GROUP_LABEL]: names.systemNodeGroup },
    tolerations: [{ ...SYSTEM_NODE_TOLERATION }],
    podDisruptionBudget: prod ? { maxUnavailable: 1 } : {},
    securityContext: {
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    },
    resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '512Mi' } },
    ingressClass: ALB_INGRESS_CLASS,
    createIngressClassResource: true,
    // Only Ingresses are served (no Service of type LoadBalancer): the Service webhook, with its
    // Fail policy, would make every Service creation depend on this controller being up.
    enableServiceMutatorWebhook: false,
    defaultTags: { 'cost-center': env.ownership.costCenter, team: env.ownership.team, environment: env.name },
  };
}

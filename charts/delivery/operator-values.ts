import { awsNames, type EnvironmentConfig } from '../../environments';
import { systemNodePlacement } from '../core/system-node-placement';

/** Operators run two replicas (with a disruption budget) outside dev. */
function highlyAvailable(env: EnvironmentConfig): boolean {
  return env.tier !== 'dev';
}

const small = { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '512Mi' } };

/** Helm values of Argo Rollouts: the controller only, RBAC for the ALB traffic router only. */
export function argoRolloutsValues(env: EnvironmentConfig): Record<string, unknown> {
  const ha = highlyAvailable(env);
  const monitoring = env.components.monitoring;
  return {
    installCRDs: true,
    controller: {
      replicas: ha ? 2 : 1,
      resources: small,
      // Metrics on; scraped by the monitoring chart's typed monitor rather than the chart's own.
      metrics: { enabled: monitoring, serviceMonitor: { enabled: false } },
      pdb: ha ? { enabled: true, minAvailable: 1 } : { enabled: false },
      // Synced before Karpenter can add nodes: on the system node group.
      ...systemNodePlacement(env),
    },
    dashboard: { enabled: false },
    providerRBAC: {
      enabled: true,
      providers: {
        istio: false,
        smi: false,
        ambassador: false,
        awsLoadBalancerController: true,
        awsAppMesh: false,
        traefik: false,
        apisix: false,
        contour: false,
        glooPlatform: false,
        gatewayAPI: false,
      },
    },
  };
}

/** Helm values of KEDA; its operator reads AWS (SQS) with its own EKS Pod Identity. */
export function kedaValues(env: EnvironmentConfig): Record<string, unknown> {
  const ha = highlyAvailable(env);
  const monitoring = env.components.monitoring;
  const replicas = ha ? 2 : 1;
  const budget = ha ? { minAvailable: 1 } : {};
  return {
    crds: { install: true },
    // Synced before Karpenter can add nodes: operator, metrics server and webhooks on the system node group.
    ...systemNodePlacement(env),
    // The Pod Identity association the bootstrap creates is bound to this service account.
    serviceAccount: { operator: { name: awsNames(env).podIdentities.keda.serviceAccount } },
    operator: { replicaCount: replicas },
    metricsServer: { replicaCount: replicas },
    webhooks: { replicaCount: replicas },
    podDisruptionBudget: { operator: budget, metricServer: budget, webhooks: budget },
    prometheus: {
      // The operator's metrics port stays on for the monitoring chart's typed monitor.
      operator: { enabled: monitoring, serviceMonitor: { enabled: false } },
      metricServer: { enabled: monitoring, serviceMonitor: { enabled: monitoring } },
    },
  };
}

/** Helm values of External Secrets; the controller reads Secrets Manager with its EKS Pod Identity. */
export function externalSecretsValues(env: EnvironmentConfig): Record<string, unknown> {
  const ha = highlyAvailable(env);
  const replicas = ha ? 2 : 1;
  return {
    installCRDs: true,
    // Synced before Karpenter can add nodes: every component on the system node group.
    global: systemNodePlacement(env),
    replicaCount: replicas,
    leaderElect: ha,
    serviceAccount: { name: awsNames(env).podIdentities.externalSecrets.serviceAccount },
    resources: small,
    serviceMonitor: { enabled: env.components.monitoring },
    podDisruptionBudget: { enabled: ha },
    webhook: { replicaCount: replicas, resources: small },
    certController: { resources: small },
  };
}

import { APPLICATION_HEALTH_CHECK } from '../../../charts/argocd/application-health';
import { awsNames, type EnvironmentConfig } from '../../../environments';
import { MANAGED_NODE_GROUP_LABEL, SYSTEM_NODE_TOLERATION } from '../../../lib/scheduling/capacity';

/**
 * Values of the argo-cd chart the bootstrap installs: every component on the system nodes (they
 * must run before Karpenter has launched anything), SSO left to a later change (Dex off), and the
 * Application health check the root Application's sync waves rely on.
 */
export function argoCdValues(env: EnvironmentConfig): Record<string, unknown> {
  const replicas = env.tier === 'prod' ? 2 : 1;
  return {
    global: {
      nodeSelector: { 'kubernetes.io/os': 'linux', [MANAGED_NODE_GROUP_LABEL]: awsNames(env).systemNodeGroup },
      tolerations: [{ ...SYSTEM_NODE_TOLERATION }],
    },
    crds: { install: true, keep: true },
    dex: { enabled: false },
    configs: { cm: { ...APPLICATION_HEALTH_CHECK } },
    server: { replicas },
    repoServer: { replicas },
  };
}

import { awsNames, type EnvironmentConfig } from '../../environments';
import { SPOT_TOLERATION, SYSTEM_NODE_TOLERATION } from '../../lib/scheduling/capacity';

/**
 * Values of the Trivy operator chart (`UPSTREAM['trivy-operator']`). Reports expire after
 * `rescanAfter`, which makes the operator scan every running image again (daily by default), so
 * CVEs published after deployment show up. Scan jobs run in the operator's namespace (tier
 * `security`), under its quota, as the operator's service account: its Pod Identity
 * (`awsNames(env).podIdentities.trivyOperator`) lets them pull image layers from the
 * environment's ECR registry. The node collector visits every node, the tainted ones included.
 */
export function trivyValues(env: EnvironmentConfig): Record<string, unknown> {
  const scanning = env.governance.vulnerabilityScanning;
  return {
    operator: {
      scannerReportTTL: scanning.rescanAfter,
      scanJobsConcurrentLimit: scanning.concurrentScans,
      scanJobTimeout: '10m',
    },
    // Scan jobs stay in the operator namespace, where the Pod Identity is bound (not beside each workload).
    trivyOperator: { scanJobsInSameNamespace: false },
    serviceAccount: { create: true, name: awsNames(env).podIdentities.trivyOperator.serviceAccount },
    trivy: {
      severity: 'MEDIUM,HIGH,CRITICAL',
      resources: { requests: { cpu: '100m', memory: '256M' }, limits: { cpu: '1', memory: '1G' } },
    },
    nodeCollector: { tolerations: [{ ...SPOT_TOLERATION }, { ...SYSTEM_NODE_TOLERATION }] },
    resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '500m', memory: '512Mi' } },
    serviceMonitor: { enabled: env.components.monitoring },
  };
}

import type { EnvironmentConfig } from '../../environments';

/**
 * Values of the Trivy operator chart (`UPSTREAM['trivy-operator']`). Reports expire after
 * `rescanAfter`, which makes the operator scan every running image again (daily by default), so
 * CVEs published after deployment show up. Scan jobs run in the operator namespace, under its quota.
 */
export function trivyValues(env: EnvironmentConfig): Record<string, unknown> {
  const scanning = env.governance.vulnerabilityScanning;
  return {
    operator: {
      scannerReportTTL: scanning.rescanAfter,
      scanJobsConcurrentLimit: scanning.concurrentScans,
      scanJobTimeout: '10m',
    },
    trivy: {
      severity: 'MEDIUM,HIGH,CRITICAL',
      resources: { requests: { cpu: '100m', memory: '256M' }, limits: { cpu: '1', memory: '1G' } },
    },
    resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '500m', memory: '512Mi' } },
    serviceMonitor: { enabled: env.components.monitoring },
  };
}

/**
 * The metrics contract between workloads and monitoring. Workload constructs import these values
 * so a pod's labels and port names and the monitors that select them cannot drift apart.
 */

/** Pod label that opts a pod into scraping by the application PodMonitor (value `true`). */
export const SCRAPE_LABEL = 'platform.example.com/scrape';

/** Name of the container port serving Prometheus metrics at `METRICS_PATH`. */
export const METRICS_PORT_NAME = 'metrics';

/** Path metrics are served at. */
export const METRICS_PATH = '/metrics';

/**
 * Pod label telling canary from stable pods of an Argo Rollout; set it through the Rollout's
 * `canaryMetadata` / `stableMetadata` (ephemeral metadata), values `ROLLOUT_ROLES`.
 */
export const ROLLOUT_ROLE_LABEL = 'platform.example.com/rollout-role';

export const ROLLOUT_ROLES = { canary: 'canary', stable: 'stable' } as const;

/** Target labels the application PodMonitor adds to every sample it scrapes. */
export const TARGET_LABELS = { workload: 'workload', rolloutRole: 'rollout_role' } as const;

/**
 * HTTP server metrics every web workload exposes (Prometheus client conventions): a request
 * counter and a latency histogram, both labelled with the response status code.
 */
export const HTTP_METRICS = {
  requests: 'http_requests_total',
  duration: 'http_request_duration_seconds',
  statusLabel: 'status',
} as const;

/** Prometheus label name form of a Kubernetes label (`a.b/c-d` becomes `a_b_c_d`). */
export function prometheusLabelName(kubernetesLabel: string): string {
  return kubernetesLabel.replace(/[^a-zA-Z0-9_]/g, '_');
}

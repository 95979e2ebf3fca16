/** Metrics, logs, traces and cost reporting of one environment. */

export interface ObservabilityConfig {
  /** Prometheus retention, e.g. `15d`. */
  readonly retention: string;
  /** Prometheus gp3 volume size, in GiB. */
  readonly storageGiB: number;
  /** Prometheus and Alertmanager replicas. */
  readonly replicas: number;
}

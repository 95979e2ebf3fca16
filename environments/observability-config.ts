/** Metrics, logs, traces, alerting and cost reporting of one environment. */

export interface AlertingConfig {
  /** Slack channel every alert is posted to, e.g. `#platform-alerts`. */
  readonly slackChannel: string;
  /**
   * Page the on-call through PagerDuty for `critical` alerts.
   * @default false
   */
  readonly pagerDuty: boolean;
}

export interface LogsConfig {
  /** Loki retention, a duration in hours such as `168h`. */
  readonly retention: string;
}

export interface TracesConfig {
  /** Tempo block retention, a duration in hours such as `72h`. */
  readonly retention: string;
  /** Tempo gp3 volume size, in GiB. */
  readonly storageGiB: number;
  /** Share of traces the collector keeps, in percent (1-100). */
  readonly samplingPercent: number;
}

export interface SloConfig {
  /** Availability objective of the demo API, as a ratio such as `0.995`. */
  readonly apiAvailability: number;
}

/** The steady-state load the expected-cost estimate of `npm run cost` prices. */
export interface CostModelConfig {
  /** vCPU the workloads request at steady state. */
  readonly baselineVcpu: number;
  /** Memory the workloads request at steady state, in GiB. */
  readonly baselineMemoryGiB: number;
  /** Share of the baseline expected to run on spot capacity (0-1). */
  readonly spotShare: number;
  /** Share of the baseline expected to run on Graviton (arm64) nodes (0-1). */
  readonly arm64Share: number;
}

export interface ObservabilityConfig {
  /** Prometheus retention, e.g. `15d`. */
  readonly retention: string;
  /** Prometheus gp3 volume size, in GiB. */
  readonly storageGiB: number;
  /** Prometheus replicas (two or more make it highly available). */
  readonly replicas: number;
  /** Memory of each Prometheus replica, in GiB (request and limit). */
  readonly prometheusMemoryGiB: number;
  /** Alertmanager replicas; they form one gossip cluster. */
  readonly alertmanagerReplicas: number;
  readonly alerting: AlertingConfig;
  readonly logs: LogsConfig;
  readonly traces: TracesConfig;
  readonly slo: SloConfig;
  readonly costModel: CostModelConfig;
}

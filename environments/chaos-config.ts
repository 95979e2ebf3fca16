/** LitmusChaos of one environment. */

export interface ChaosConfig {
  /**
   * Cron (UTC) on which the chaos engines run; empty string means on demand only.
   * @default ''
   */
  readonly schedule: string;
}

/** The demo application an environment runs: React frontend, Flask API, queue worker, stores. */

export interface WorkloadsConfig {
  /** Namespace the stateless services run in. */
  readonly appNamespace: string;
  /** Namespace the stateful stores run in. */
  readonly dataNamespace: string;
  /** Container registry the demo images are pulled from (an ECR registry host). */
  readonly imageRegistry: string;
  /** Image tag deployed in this environment (never `latest`). */
  readonly imageTag: string;
  /** Minimum replicas of each stateless service while it is scaled up. */
  readonly minReplicas: number;
  /** Maximum replicas of each stateless service. */
  readonly maxReplicas: number;
  /**
   * Scale stateless services to zero outside office hours (KEDA cron). Dev only.
   * @default false
   */
  readonly scaleToZeroOffHours: boolean;
}

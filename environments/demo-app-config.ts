/**
 * The demo application an environment runs: React frontend, Flask API, queue worker, stores. Read
 * only by the demo-app component (and the drills and SLO that target it); the platform's own
 * sections never read it, so removing the demo leaves the platform whole.
 */

export interface CanaryConfig {
  /** Traffic percentages of the canary steps, increasing, each 1-99; full traffic follows the last. */
  readonly weights: readonly number[];
  /** Pause after each step, a duration such as `2m` (the analysis measures meanwhile). */
  readonly pause: string;
  /**
   * Abort a canary whose HTTP success rate or p99 latency (Prometheus) degrades. Needs
   * `components.monitoring`.
   * @default true
   */
  readonly analysis: boolean;
  /**
   * Canary requests per analysis interval (1 minute) below which a measurement is inconclusive and
   * the rollout pauses for a person; required in prod. 0 only requires some data.
   * @default 0
   */
  readonly minRequests: number;
}

/** The daily window in which the stateless services run when `scaleToZeroOffHours` is on. */
export interface OfficeHoursConfig {
  /** IANA time zone, e.g. `Europe/Dublin`. */
  readonly timezone: string;
  /** Five-field cron at which the services scale up, e.g. `0 7 * * 1-5`. */
  readonly start: string;
  /** Five-field cron at which they scale to zero, e.g. `0 20 * * 1-5`. */
  readonly end: string;
}

export interface DemoAppConfig {
  /** Namespace the stateless services run in: a tenant namespace (`tenancy.namespaces`) of tier `apps`. */
  readonly appNamespace: string;
  /** Namespace the stateful stores run in: a tenant namespace (`tenancy.namespaces`) of tier `data`. */
  readonly dataNamespace: string;
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
  /** When the stateless services run if `scaleToZeroOffHours` is on. */
  readonly officeHours: OfficeHoursConfig;
  /** How new versions of the frontend and API are delivered (Argo Rollouts canary). */
  readonly canary: CanaryConfig;
  /** Requests per second one API replica serves before KEDA adds another. */
  readonly apiRequestsPerReplica: number;
  /**
   * Aurora PostgreSQL endpoint the API uses instead of the in-cluster PostgreSQL; empty means
   * in-cluster.
   * @default ''
   */
  readonly externalDatabaseEndpoint: string;
  /**
   * ACM certificate of the public ALB (this account and region). With it the ALB serves HTTPS
   * with TLS 1.2 or later and answers HTTP only with a redirect; empty serves HTTP only, which
   * prod refuses.
   * @default ''
   */
  readonly certificateArn: string;
  /**
   * Associate the public ALB with the regional WAF web ACL the bootstrap creates
   * (`awsNames(env).webAcl`: AWS managed common and known-bad-input rules, a per-IP rate limit).
   * Required in prod.
   * @default false
   */
  readonly webAcl: boolean;
  /** Tags of the store images mirrored into the environment's registry (`demoAppNames(env).ecrRepositories.redis|postgres`). */
  readonly storeImageTags: { readonly redis: string; readonly postgres: string };
}

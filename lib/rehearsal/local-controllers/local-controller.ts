import type { SyncPlan } from '../../plan/sync-plan';
import type { KubeClient } from '../kube-client';
import type { ProcessGroup } from '../processes';

/** What a local controller or a scenario gets from the rehearsal. */
export interface LocalControllerContext {
  readonly env: string;
  readonly plan: SyncPlan;
  readonly client: KubeClient;
  /** Path of an admin kubeconfig for the rehearsal's control plane. */
  readonly kubeconfig: string;
  /** The rehearsal's scratch folder (certificates, logs under `logs/`); removed afterwards. */
  readonly dir: string;
  /** Processes started here are stopped by PID with the rest of the rehearsal, also on failure. */
  readonly processes: ProcessGroup;
  /** Where `bash scripts/tools.sh controllers` put the binaries. */
  readonly binDir: string;
  readonly log: (line: string) => void;
}

/**
 * One of the platform's own controllers, run as a local process (out of cluster, `--kubeconfig`)
 * against the rehearsal's control plane. The rehearsal starts it after the first wave after which
 * `canStart` holds (its CRDs served, its namespace there) and before the next wave is applied, so
 * later waves meet it the way they would on a real cluster.
 */
export interface LocalController {
  /** e.g. `argo-rollouts` */
  readonly name: string;
  /** Binaries it needs in `binDir`. */
  readonly binaries: readonly string[];
  /** Kinds for which the rehearsal no longer creates a stand-in once this controller runs. */
  readonly replacesStandInsFor?: readonly string[];
  /** What stays unexercised while it runs (printed with the report). */
  readonly notExercised?: readonly string[];
  canStart(ctx: LocalControllerContext): Promise<boolean>;
  /** Starts its process(es) through `ctx.processes` and returns once it serves. */
  start(ctx: LocalControllerContext): Promise<void>;
}

/** The outcome of one behaviour the rehearsal exercised on the live cluster. */
export interface ScenarioResult {
  /** e.g. `canary: bad metrics abort and roll back` */
  readonly name: string;
  readonly passed: boolean;
  /** false when the environment does not have the behaviour (reported, neither passed nor failed). @default true */
  readonly applicable?: boolean;
  /** What happened, step by step, and on failure why it failed. */
  readonly details: readonly string[];
  /** The controller's own events about the objects involved (`Reason: message`). */
  readonly events: readonly string[];
}

/** A behaviour the platform promises, exercised after the last wave with its controllers running. */
export interface Scenario {
  readonly name: string;
  /** Names of the local controllers it needs (`LocalController.name`). */
  readonly controllers: readonly string[];
  /** Behaviour it deliberately leaves out (printed with the report, e.g. SQS triggers). */
  readonly notExercised?: readonly string[];
  run(ctx: LocalControllerContext): Promise<readonly ScenarioResult[]>;
}

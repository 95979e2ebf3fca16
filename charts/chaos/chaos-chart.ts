import { Duration, type App } from 'cdk8s';
import { awsNames, type EnvironmentConfig } from '../../environments';
import { parseGoDuration } from '../../lib/capacity/go-duration';
import {
  ChaosDrill,
  DrillSchedule,
  ExperimentDefinition,
  NODE_DRAIN,
  POD_CPU_HOG,
  POD_DELETE,
  POD_NETWORK_LATENCY,
  rolloutTarget,
  type ChaosFault,
} from '../../lib/chaos';
import { Capabilities as C } from '../../lib/argocd/sync-dependencies';
import { HelmRelease } from '../../lib/helm';
import { CAPACITY_TYPE_LABEL } from '../../lib/scheduling';
import { UPSTREAM } from '../../lib/upstream/pins';
import type { WebService } from '../../lib/workloads';
import { ENDPOINTS } from '../monitoring/endpoints';
import { PlatformChart } from '../platform-chart';
import { chaosNamespaceOf } from './chaos-rules';
import { LITMUS_IMAGES, LITMUS_VERSION, litmusValues } from './litmus-values';

/** The services the drills target and probe (the demo application's). */
export interface ChaosTargets {
  readonly api: WebService;
  readonly frontend: WebService;
}

/** Faults every chaos environment can run: those of the drills, and two for ad-hoc engines. */
const FAULTS: readonly ChaosFault[] = [POD_DELETE, NODE_DRAIN, POD_NETWORK_LATENCY, POD_CPU_HOG];

/** Share of the API's pods the pod-delete drill takes away at once. */
const API_PODS_AFFECTED_PERCENT = 50;
const API_POD_DELETE_DURATION = Duration.seconds(60);
/** Most 5xx a drilled service may answer with: a blip is tolerated, an outage is not. */
const MAX_ERROR_RATIO = 0.05;
const MAX_DRAIN_DURATION = Duration.seconds(60);
const MIN_DRAIN_DURATION = Duration.seconds(10);
const CHAOS_CHART = Symbol.for('eks-platform.ChaosChart');

/**
 * LitmusChaos and the platform's resilience drills: the operator (litmus-core), the experiment
 * catalog, and drills generated from the workload model, run one after another by a CronJob —
 * weekly where `chaos.schedule` is set, on demand (suspended CronJob) where it is empty.
 *
 * - `api-pod-delete`: deletes half of the API's pods at once; the Rollout's ReplicaSet must replace
 *   them while the API keeps answering its health check and its 5xx ratio stays low.
 * - `spot-node-drain` (when spot capacity exists): drains one spot node, as a spot interruption
 *   would; evicted pods must be rescheduled (Karpenter adds capacity if needed) while the frontend
 *   and API stay healthy.
 */
export class ChaosChart extends PlatformChart {
  /** True for ChaosChart (cdk8s makes `instanceof` of a Chart subclass true for every chart). */
  public static isChaosChart(x: unknown): x is ChaosChart {
    return (x as { readonly [CHAOS_CHART]?: boolean } | undefined)?.[CHAOS_CHART] === true;
  }

  public readonly [CHAOS_CHART] = true;
  public readonly litmus: HelmRelease;
  public readonly experiments: ReadonlyMap<string, ExperimentDefinition>;
  public readonly drills: readonly ChaosDrill[];
  public readonly schedule: DrillSchedule;

  constructor(app: App, id: string, env: EnvironmentConfig, targets: ChaosTargets) {
    super(app, id, env);
    const namespace = chaosNamespaceOf(env)?.name;
    if (!namespace) throw new Error(`ChaosChart ${env.name}: no single namespace of tier 'chaos' in namespaces (validateChaos reports it)`);

    this.litmus = new HelmRelease(this, 'litmus', {
      chart: UPSTREAM.litmus.chart,
      releaseName: 'litmus',
      namespace,
      values: litmusValues(env),
      provides: [C.crds('litmuschaos.io'), C.controller('litmus')],
      requires: [C.namespaces, C.nodePools, ...(env.components.monitoring ? [C.crds('monitoring.coreos.com')] : [])],
    });

    const goRunner = `${LITMUS_IMAGES.goRunner}:${LITMUS_VERSION}`;
    this.experiments = new Map(FAULTS.map((fault) => [fault.name, new ExperimentDefinition(this, `experiment-${fault.name}`, { fault, namespace, image: goRunner })]));
    const experiment = (fault: ChaosFault) => this.experiments.get(fault.name)!;
    const prometheus = ENDPOINTS.prometheus;
    const { api, frontend } = targets;

    const apiPodDelete = new ChaosDrill(this, 'api-pod-delete', {
      name: `${api.name}-pod-delete`,
      experiment: experiment(POD_DELETE),
      target: rolloutTarget(api),
      podsAffectedPercent: API_PODS_AFFECTED_PERCENT,
      chaosDuration: API_POD_DELETE_DURATION,
      // One round of deletion, then the rest of the duration to recover.
      env: { CHAOS_INTERVAL: String(API_POD_DELETE_DURATION.toSeconds()), FORCE: 'true' },
    });
    apiPodDelete.expectHealthy(api);
    apiPodDelete.expectErrorRatioBelow(api, MAX_ERROR_RATIO, { prometheus });
    const drills = [apiPodDelete];

    if (env.components.karpenter && env.capacity.spot.enabled) {
      const spotNodeDrain = new ChaosDrill(this, 'spot-node-drain', {
        name: 'spot-node-drain',
        experiment: experiment(NODE_DRAIN),
        nodeLabel: { key: CAPACITY_TYPE_LABEL, value: 'spot' },
        chaosDuration: drainDuration(env),
      });
      spotNodeDrain.expectHealthy(frontend);
      spotNodeDrain.expectHealthy(api);
      spotNodeDrain.expectErrorRatioBelow(api, MAX_ERROR_RATIO, { prometheus });
      drills.push(spotNodeDrain);
    }
    this.drills = drills;

    const names = awsNames(env);
    this.schedule = new DrillSchedule(this, 'schedule', {
      name: 'chaos-drills',
      drills,
      schedule: env.chaos.schedule === '' ? undefined : env.chaos.schedule,
      image: `${names.imageRegistry}/${names.ecrRepositories.kubectl}:${env.chaos.kubectlImageTag}`,
    });
  }
}

/**
 * How long the drained node stays cordoned: half of Karpenter's consolidateAfter (10 to 60 s),
 * so it is uncordoned before Karpenter may consolidate the emptied node away, which would fail
 * the experiment's uncordon although the workloads recovered.
 */
function drainDuration(env: EnvironmentConfig): Duration {
  const half = Math.floor(parseGoDuration(env.capacity.consolidateAfter).toSeconds() / 2);
  return Duration.seconds(Math.min(MAX_DRAIN_DURATION.toSeconds(), Math.max(MIN_DRAIN_DURATION.toSeconds(), half)));
}

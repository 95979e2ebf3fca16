import { assertRule, integerRule } from '../config/checks';
import { Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { AnalysisTemplate, AnalysisTemplateSpecMetricsFailureLimit, AnalysisTemplateSpecMetricsInconclusiveLimit } from '../../imports/argo-rollouts-argoproj.io';
import { HTTP_METRICS, ROLLOUT_ROLES, TARGET_LABELS } from '../observability/metrics-contract';
import { APP_NAME_LABEL } from './labels';
import { formatDuration } from './units';

/** Where analysis queries go: a Prometheus-compatible HTTP API. */
export interface CanaryAnalysisOptions {
  /** Base URL of Prometheus, e.g. `http://prometheus.monitoring.svc:9090`. Required. */
  readonly prometheusAddress: string;
  /** Lowest share of non-5xx responses (0-1) the canary may serve. @default 0.99 */
  readonly minSuccessRate?: number;
  /** Highest p99 latency the canary may show. @default Duration.millis(500) */
  readonly maxLatencyP99?: Duration;
  /** How often each metric is measured. @default Duration.minutes(1) */
  readonly interval?: Duration;
  /**
   * Requests the canary must have served within one `interval` before its success rate and
   * latency count; below it a measurement is inconclusive and the rollout pauses for a person.
   * @default 0 - no minimum (a canary without any request is still inconclusive)
   */
  readonly minRequests?: number;
  /** Failed measurements tolerated before the rollout aborts. @default 2 */
  readonly failureLimit?: number;
  /** Request counter with a status label. @default HTTP_METRICS.requests */
  readonly requestsMetric?: string;
  /** Label of `requestsMetric` holding the HTTP status code. @default HTTP_METRICS.statusLabel */
  readonly statusLabel?: string;
  /** Request-duration histogram (seconds), without `_bucket`. @default HTTP_METRICS.duration */
  readonly latencyMetric?: string;
}

export interface CanaryAnalysisProps extends CanaryAnalysisOptions {
  /** Name of the Rollout analysed (the `workload` target label of its samples). */
  readonly rolloutName: string;
  readonly namespace: string;
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

/** Names of the analysis metrics (`spec.metrics[].name`); the rehearsal answers each by name. */
export const CANARY_METRICS = { successRate: 'success-rate', latencyP99: 'latency-p99', requestVolume: 'request-volume' } as const;

/**
 * Range of the rate queries. The first measurement waits as long, so it sees a full window of
 * canary traffic rather than pods that have only just started.
 */
export const CANARY_ANALYSIS_WINDOW = Duration.minutes(2);
/** Measurement interval when none is given. */
export const DEFAULT_CANARY_ANALYSIS_INTERVAL = Duration.minutes(1);

/**
 * Argo Rollouts condition (expr language) true when the measurement holds a number. A Prometheus
 * query over no samples returns an empty vector, and 0/0 returns NaN.
 */
const HAS_DATA = 'len(result) > 0 && !isNaN(result[0])';

/**
 * An AnalysisTemplate that measures only the canary's pods and fails the rollout when their HTTP
 * success rate drops or their p99 latency rises beyond the limits. It relies on the metrics
 * contract: the application PodMonitor labels samples with `workload` and `rollout_role`, and
 * the Rollout marks canary pods through `canaryMetadata`.
 *
 * Every metric states both a success and a failure condition, so a measurement that is neither —
 * no data, NaN, or fewer than `minRequests` canary requests — is inconclusive. With
 * `inconclusiveLimit: 0` the first such measurement ends the run as Inconclusive and Argo
 * Rollouts pauses the rollout until a person promotes or aborts it: a canary that receives no
 * traffic cannot promote itself.
 */
export class CanaryAnalysis extends Construct {
  public readonly templateName: string;
  /** Requests per interval a measurement needs (0: any number, as long as there is data). */
  public readonly minRequests: number;
  /** Time from the start of the analysis to its first measurement. */
  public readonly initialDelay: Duration;

  constructor(scope: Construct, id: string, props: CanaryAnalysisProps) {
    super(scope, id);
    const owner = `CanaryAnalysis ${props.rolloutName}`;
    if (!/^https?:\/\/[^\s/]+(\/\S*)?$/.test(props.prometheusAddress ?? '')) {
      throw new Error(
        `${owner}: prometheusAddress = ${JSON.stringify(props.prometheusAddress ?? '')}: the analysis needs a configured metric source, an http(s) URL of Prometheus such as http://prometheus.monitoring.svc:9090`,
      );
    }
    const minSuccessRate = props.minSuccessRate ?? 0.99;
    if (!(minSuccessRate > 0 && minSuccessRate <= 1)) throw new Error(`${owner}: minSuccessRate = ${minSuccessRate}: must be in (0, 1]`);
    const failureLimit = props.failureLimit ?? 2;
    assertRule(owner, 'failureLimit', failureLimit, integerRule(failureLimit, 0));
    this.minRequests = props.minRequests ?? 0;
    assertRule(owner, 'minRequests', this.minRequests, integerRule(this.minRequests, 0));
    const requests = props.requestsMetric ?? HTTP_METRICS.requests;
    const latency = props.latencyMetric ?? HTTP_METRICS.duration;
    for (const [field, value] of [['requestsMetric', requests], ['latencyMetric', latency]] as const) {
      if (!METRIC_NAME.test(value)) throw new Error(`${owner}: ${field} = ${value}: must be a Prometheus metric name`);
    }
    const status = props.statusLabel ?? HTTP_METRICS.statusLabel;
    const maxLatencySeconds = (props.maxLatencyP99 ?? Duration.millis(500)).toMilliseconds() / 1000;
    const interval = formatDuration(props.interval ?? DEFAULT_CANARY_ANALYSIS_INTERVAL);
    const window = formatDuration(CANARY_ANALYSIS_WINDOW);
    this.initialDelay = CANARY_ANALYSIS_WINDOW;

    const canaryPods = `namespace="${props.namespace}",${TARGET_LABELS.workload}="${props.rolloutName}",${TARGET_LABELS.rolloutRole}="${ROLLOUT_ROLES.canary}"`;
    const volume = `sum(increase(${requests}{${canaryPods}}[${interval}]))`;
    // Below the minimum volume the rate queries return an empty vector: inconclusive, not judged.
    const gated = (query: string) => (this.minRequests > 0 ? `(${query}) and on() (${volume} >= ${this.minRequests})` : query);
    this.templateName = `${props.rolloutName}-canary`;

    const measured = (name: string, query: string, pass: string, fail: string) => ({
      name,
      interval,
      initialDelay: formatDuration(this.initialDelay),
      successCondition: `${HAS_DATA} && ${pass}`,
      failureCondition: fail === 'false' ? 'false' : `${HAS_DATA} && ${fail}`,
      failureLimit: AnalysisTemplateSpecMetricsFailureLimit.fromNumber(failureLimit),
      // The first inconclusive measurement pauses the rollout.
      inconclusiveLimit: AnalysisTemplateSpecMetricsInconclusiveLimit.fromNumber(0),
      provider: { prometheus: { address: props.prometheusAddress, query } },
    });

    const metrics = [
      measured(
        CANARY_METRICS.successRate,
        gated(`sum(rate(${requests}{${canaryPods},${status}!~"5.."}[${window}])) / sum(rate(${requests}{${canaryPods}}[${window}]))`),
        `result[0] >= ${minSuccessRate}`,
        `result[0] < ${minSuccessRate}`,
      ),
      measured(
        CANARY_METRICS.latencyP99,
        gated(`histogram_quantile(0.99, sum by (le) (rate(${latency}_bucket{${canaryPods}}[${window}])))`),
        `result[0] <= ${maxLatencySeconds}`,
        `result[0] > ${maxLatencySeconds}`,
      ),
    ];
    if (this.minRequests > 0) {
      // Too little traffic is never a failure of the canary, only a reason to wait for a person.
      metrics.unshift(measured(CANARY_METRICS.requestVolume, volume, `result[0] >= ${this.minRequests}`, 'false'));
    }

    new AnalysisTemplate(this, 'template', {
      metadata: { name: this.templateName, namespace: props.namespace, labels: { [APP_NAME_LABEL]: props.rolloutName } },
      spec: { metrics },
    });
  }
}

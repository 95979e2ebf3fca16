import { Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { AnalysisTemplate, AnalysisTemplateSpecMetricsFailureLimit } from '../../imports/argo-rollouts-argoproj.io';
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

/**
 * An AnalysisTemplate that measures only the canary's pods and fails the rollout when their HTTP
 * success rate drops or their p99 latency rises beyond the limits. It relies on the metrics
 * contract: the application PodMonitor labels samples with `workload` and `rollout_role`, and
 * the Rollout marks canary pods through `canaryMetadata`. No traffic (empty or NaN result) counts
 * as success, so a quiet environment can still promote.
 */
export class CanaryAnalysis extends Construct {
  public readonly templateName: string;

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
    if (!Number.isInteger(failureLimit) || failureLimit < 0) throw new Error(`${owner}: failureLimit = ${failureLimit}: must be an integer >= 0`);
    const requests = props.requestsMetric ?? HTTP_METRICS.requests;
    const latency = props.latencyMetric ?? HTTP_METRICS.duration;
    for (const [field, value] of [['requestsMetric', requests], ['latencyMetric', latency]] as const) {
      if (!METRIC_NAME.test(value)) throw new Error(`${owner}: ${field} = ${value}: must be a Prometheus metric name`);
    }
    const status = props.statusLabel ?? HTTP_METRICS.statusLabel;
    const maxLatencySeconds = (props.maxLatencyP99 ?? Duration.millis(500)).toMilliseconds() / 1000;
    const interval = formatDuration(props.interval ?? Duration.minutes(1));

    const canaryPods = `namespace="${props.namespace}",${TARGET_LABELS.workload}="${props.rolloutName}",${TARGET_LABELS.rolloutRole}="${ROLLOUT_ROLES.canary}"`;
    const noTraffic = 'len(result) == 0 || isNaN(result[0])';
    this.templateName = `${props.rolloutName}-canary`;

    new AnalysisTemplate(this, 'template', {
      metadata: { name: this.templateName, namespace: props.namespace, labels: { [APP_NAME_LABEL]: props.rolloutName } },
      spec: {
        metrics: [
          {
            name: 'success-rate',
            interval,
            successCondition: `${noTraffic} || result[0] >= ${minSuccessRate}`,
            failureLimit: AnalysisTemplateSpecMetricsFailureLimit.fromNumber(failureLimit),
            provider: {
              prometheus: {
                address: props.prometheusAddress,
                query:
                  `sum(rate(${requests}{${canaryPods},${status}!~"5.."}[2m])) / ` +
                  `sum(rate(${requests}{${canaryPods}}[2m]))`,
              },
            },
          },
          {
            name: 'latency-p99',
            interval,
            successCondition: `${noTraffic} || result[0] <= ${maxLatencySeconds}`,
            failureLimit: AnalysisTemplateSpecMetricsFailureLimit.fromNumber(failureLimit),
            provider: {
              prometheus: {
                address: props.prometheusAddress,
                query: `histogram_quantile(0.99, sum by (le) (rate(${latency}_bucket{${canaryPods}}[2m])))`,
              },
            },
          },
        ],
      },
    });
  }
}

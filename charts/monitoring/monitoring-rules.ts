import { positiveIntegerRule } from '../../lib/config/checks';
import { awsNames, type EnvironmentConfig } from '../../environments';
import type { ConfigValidator } from '../../lib/config/config-validator';
import { isPrometheusDuration } from '../../lib/observability';
import { MONITORING_NAMESPACE } from './endpoints';

// S3 rule: 3-63 characters, lower-case letters, digits, dots and hyphens, alphanumeric at both ends.
const S3_BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const SLACK_CHANNEL = /^#[a-z0-9][a-z0-9._-]{0,79}$/;

/** Configuration rules of the monitoring component. */
export function validateMonitoring(check: ConfigValidator<EnvironmentConfig>, env: EnvironmentConfig): void {
  const o = 'observability';
  const retention = check.get(`${o}.retention`);
  check.expect(typeof retention === 'string' && isPrometheusDuration(retention), `${o}.retention`, 'must be a Prometheus duration such as 15d or 36h');
  check.positiveInt(`${o}.storageGiB`);
  check.positiveNumber(`${o}.prometheusMemoryGiB`);
  const replicasOk = check.positiveInt(`${o}.replicas`);
  const alertmanagerOk = check.positiveInt(`${o}.alertmanagerReplicas`);
  if (env.tier === 'prod') {
    if (replicasOk) check.expect(env.observability.replicas >= 2, `${o}.replicas`, 'must be at least 2 in prod: one Prometheus must survive a node or zone loss');
    if (alertmanagerOk) check.expect(env.observability.alertmanagerReplicas >= 2, `${o}.alertmanagerReplicas`, 'must be at least 2 in prod: alerts must survive a node or zone loss');
  }

  check.string(`${o}.alerting.slackChannel`, { pattern: SLACK_CHANNEL, rule: 'must be a Slack channel such as #platform-alerts' });
  check.boolean(`${o}.alerting.pagerDuty`);

  // Loki applies retention per 24h index period; Tempo takes any duration.
  if (check.positiveDuration(`${o}.logs.retention`)) {
    check.expect(hours(env.observability.logs.retention) % 24 === 0, `${o}.logs.retention`, 'must be a whole number of days in hours (e.g. 168h): Loki deletes whole 24h index periods');
  }
  check.positiveDuration(`${o}.traces.retention`);
  check.positiveInt(`${o}.traces.storageGiB`);
  check.intInRange(`${o}.traces.samplingPercent`, 1, 100);

  const objective = check.get(`${o}.slo.apiAvailability`);
  check.expect(typeof objective === 'number' && objective >= 0.9 && objective < 1, `${o}.slo.apiAvailability`, 'must be a ratio from 0.9 to below 1, e.g. 0.999');

  validateCostModel(check, env);

  check.expect(env.namespaces.some((n) => n.name === MONITORING_NAMESPACE), 'namespaces', `must include the '${MONITORING_NAMESPACE}' namespace the monitoring component installs into`);
  const names = awsNames(env);
  for (const [what, bucket] of [['Loki bucket', names.lokiBucket], ['spot data feed bucket', names.spotDataFeed.bucket]] as const) {
    if (!S3_BUCKET.test(bucket)) {
      check.fail('cluster.name', env.cluster.name, `must give a valid S3 ${what} name (${bucket}): lower-case letters, digits and -, at most 63 characters in all`);
    }
  }
}

function validateCostModel(check: ConfigValidator<EnvironmentConfig>, env: EnvironmentConfig): void {
  const p = 'observability.costModel';
  const vcpuOk = check.positiveNumber(`${p}.baselineVcpu`);
  const memoryOk = check.positiveNumber(`${p}.baselineMemoryGiB`);
  const share = (field: 'spotShare' | 'arm64Share') => {
    const v = check.get(`${p}.${field}`);
    return check.expect(typeof v === 'number' && v >= 0 && v <= 1, `${p}.${field}`, 'must be a share from 0 to 1');
  };
  const spotOk = share('spotShare');
  const armOk = share('arm64Share');
  const cost = env.observability.costModel;
  const { spot, onDemand, preferArm64 } = env.capacity;
  if (armOk && !preferArm64) check.expect(cost.arm64Share === 0, `${p}.arm64Share`, 'must be 0 when capacity.preferArm64 is false (no Graviton nodes)');
  if (!spotOk) return;
  if (!spot.enabled) check.expect(cost.spotShare === 0, `${p}.spotShare`, 'must be 0 when the spot pool is disabled');
  if (!onDemand.enabled) check.expect(cost.spotShare === 1, `${p}.spotShare`, 'must be 1 when the on-demand pool is disabled');
  // The baseline has to fit the NodePool limits, or the estimate prices capacity that cannot exist.
  const fits = (field: 'baselineVcpu' | 'baselineMemoryGiB', limit: 'maxCpu' | 'maxMemoryGiB') => {
    const onSpot = cost[field] * cost.spotShare;
    const onOnDemand = cost[field] * (1 - cost.spotShare);
    // An invalid pool limit is reported by the capacity rules; comparing against it repeats that.
    const valid = (n: unknown) => positiveIntegerRule(n) === undefined;
    if (spot.enabled && valid(spot[limit]) && onSpot > spot[limit]) check.fail(`${p}.${field}`, cost[field], `puts ${round(onSpot)} on spot, above capacity.spot.${limit} = ${spot[limit]}: lower it or spotShare`);
    if (onDemand.enabled && valid(onDemand[limit]) && onOnDemand > onDemand[limit]) {
      check.fail(`${p}.${field}`, cost[field], `puts ${round(onOnDemand)} on on-demand, above capacity.onDemand.${limit} = ${onDemand[limit]}: lower it or raise spotShare`);
    }
  };
  if (vcpuOk) fits('baselineVcpu', 'maxCpu');
  if (memoryOk) fits('baselineMemoryGiB', 'maxMemoryGiB');
}

function hours(duration: string): number {
  let total = 0;
  for (const [, n, unit] of duration.matchAll(/(\d+)([smh])/g)) total += Number(n) * (unit === 'h' ? 1 : unit === 'm' ? 1 / 60 : 1 / 3600);
  return total;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

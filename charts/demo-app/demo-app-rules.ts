import { canaryWeightProblem } from '../../lib/workloads/canary-weight';
import { awsNames, type EnvironmentConfig } from '../../environments';
import { Duration } from 'cdk8s';
import type { ConfigValidator } from '../../lib/config/config-validator';
import { CANARY_ANALYSIS_WINDOW, DEFAULT_CANARY_ANALYSIS_INTERVAL, formatDuration, parseDuration } from '../../lib/workloads';

const IMAGE_TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const HOSTNAME = /^(?=.{1,253}$)([a-z0-9]([-a-z0-9]*[a-z0-9])?\.)+[a-z]{2,}$/;

/** Rules of the `demoApp` section and the components the demo application relies on. */
export function validateDemoApp(check: ConfigValidator<EnvironmentConfig>, env: EnvironmentConfig): void {
  const w = env.demoApp;
  const tiers = new Map(env.namespaces.map((n) => [n.name, n.tier]));
  for (const [field, tier] of [['appNamespace', 'apps'], ['dataNamespace', 'data']] as const) {
    if (check.dnsLabel(`demoApp.${field}`)) {
      if (check.expect(tiers.get(w[field]) === tier, `demoApp.${field}`, `must name a namespace of tier '${tier}' in namespaces (it gets Pod Security and default-deny there)`)) {
        check.expect(env.tenancy.namespaces.includes(w[field]), `demoApp.${field}`,
          `must be a tenant namespace (tenancy.namespaces: ${env.tenancy.namespaces.join(', ')}): the Argo CD workloads project deploys there and the policies govern it`);
      }
    }
  }

  for (const path of ['demoApp.imageTag', 'demoApp.storeImageTags.redis', 'demoApp.storeImageTags.postgres'] as const) {
    if (check.string(path, { pattern: IMAGE_TAG, rule: 'must be an image tag' })) {
      check.expect(check.get(path) !== 'latest', path, "must be a pinned tag, not 'latest'");
    }
  }

  const minOk = check.positiveInt('demoApp.minReplicas');
  if (check.positiveInt('demoApp.maxReplicas') && minOk) {
    check.expect(w.maxReplicas >= w.minReplicas, 'demoApp.maxReplicas', `must be at least demoApp.minReplicas (${w.minReplicas})`);
  }
  check.positiveNumber('demoApp.apiRequestsPerReplica');

  if (check.boolean('demoApp.scaleToZeroOffHours') && w.scaleToZeroOffHours) {
    check.expect(env.tier === 'dev', 'demoApp.scaleToZeroOffHours', 'must be false outside dev: staging and prod services must not sleep');
  }
  check.timeZone('demoApp.officeHours.timezone');
  if (check.cron('demoApp.officeHours.start') && check.cron('demoApp.officeHours.end')) {
    check.expect(w.officeHours.start !== w.officeHours.end, 'demoApp.officeHours.end', 'must differ from demoApp.officeHours.start (the window would be empty)');
  }

  const weights = check.array('demoApp.canary.weights', 1);
  weights?.forEach((weight, i) => {
    const path = `demoApp.canary.weights[${i}]` as const;
    const previous = i > 0 && canaryWeightProblem(weights[i - 1]) === undefined ? (weights[i - 1] as number) : undefined;
    const problem = canaryWeightProblem(weight, previous);
    if (problem) check.fail(path, weight, problem);
  });
  const pauseOk = check.positiveDuration('demoApp.canary.pause');
  const minRequestsOk = check.nonNegativeInt('demoApp.canary.minRequests');
  if (check.boolean('demoApp.canary.analysis') && w.canary.analysis) {
    check.expect(env.components.monitoring, 'components.monitoring',
      'must be true while demoApp.canary.analysis is on: the canary analysis queries Prometheus, which the monitoring component runs (or turn the analysis off)');
    // Each step must last until the analysis has measured once, or the canary promotes unmeasured.
    const firstMeasurement = CANARY_ANALYSIS_WINDOW.toSeconds() + DEFAULT_CANARY_ANALYSIS_INTERVAL.toSeconds();
    if (pauseOk) {
      check.expect(parseDuration(w.canary.pause).toSeconds() >= firstMeasurement, 'demoApp.canary.pause',
        `must be at least ${formatDuration(Duration.seconds(firstMeasurement))} while demoApp.canary.analysis is on: the first measurement comes ${formatDuration(CANARY_ANALYSIS_WINDOW)} after a step starts, and a shorter step promotes the canary unmeasured`);
    }
    if (minRequestsOk && env.tier === 'prod') {
      check.expect(w.canary.minRequests >= 1, 'demoApp.canary.minRequests',
        'must be at least 1 in prod: a success rate over a handful of requests proves nothing, so prod requires a minimum canary request volume per analysis interval');
    }
  }

  if (w.externalDatabaseEndpoint !== '') {
    check.string('demoApp.externalDatabaseEndpoint', { pattern: HOSTNAME, rule: "must be a DNS name such as demo.cluster-abc.eu-west-1.rds.amazonaws.com, or '' for the in-cluster PostgreSQL" });
  }
  if (w.certificateArn !== '') {
    check.string('demoApp.certificateArn', {
      pattern: new RegExp(`^arn:aws:acm:${env.aws.region}:${env.aws.accountId}:certificate/[A-Za-z0-9-]+$`),
      rule: `must be an ACM certificate ARN of this account and region (arn:aws:acm:${env.aws.region}:${env.aws.accountId}:certificate/…), or ''`,
    });
  } else if (env.tier === 'prod') {
    check.fail('demoApp.certificateArn', w.certificateArn,
      `must be set in prod: prod serves HTTPS only (an ACM certificate ARN arn:aws:acm:${env.aws.region}:${env.aws.accountId}:certificate/…)`);
  }
  if (check.boolean('demoApp.webAcl') && env.tier === 'prod') {
    check.expect(w.webAcl, 'demoApp.webAcl', `must be true in prod: the public ALB is associated with the web ACL ${awsNames(env).webAcl} the bootstrap creates`);
  }

  // Custom resources the demo renders need their operators.
  for (const [component, what] of [['argoRollouts', 'Rollout and AnalysisTemplate'], ['keda', 'ScaledObject'], ['externalSecrets', 'ExternalSecret']] as const) {
    check.expect(env.components[component], `components.${component}`, `must be true while components.demoApp is: the demo app renders ${what} objects`);
  }
}

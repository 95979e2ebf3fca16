import { envWith, violationsOf } from '../util';

describe('demo app rules', () => {
  const cases: [string, string, unknown, string][] = [
    ['the canary analysis has no Prometheus to query', 'staging', { components: { monitoring: false } }, 'staging: components.monitoring = false: must be true while workloads.canary.analysis is on: the canary analysis queries Prometheus'],
    ['Argo Rollouts is off', 'dev', { components: { argoRollouts: false } }, 'dev: components.argoRollouts = false: must be true while components.demoApp is: the demo app renders Rollout and AnalysisTemplate objects'],
    ['KEDA is off', 'dev', { components: { keda: false } }, 'dev: components.keda = false: must be true while components.demoApp is'],
    ['External Secrets is off', 'prod', { components: { externalSecrets: false } }, 'prod: components.externalSecrets = false: must be true while components.demoApp is'],
    ['prod sleeps off-hours', 'prod', { workloads: { scaleToZeroOffHours: true } }, 'prod: workloads.scaleToZeroOffHours = true: must be false outside dev'],
    ['canary weights do not increase', 'prod', { workloads: { canary: { weights: [20, 10] } } }, 'prod: workloads.canary.weights[1] = 10: must be greater than the previous weight (20)'],
    ['a canary weight is 100', 'dev', { workloads: { canary: { weights: [50, 100] } } }, 'dev: workloads.canary.weights[1] = 100: must be an integer percentage from 1 to 99'],
    ['there are no canary weights', 'dev', { workloads: { canary: { weights: [] } } }, 'dev: workloads.canary.weights = []: must list at least 1 item'],
    ['the canary pause is not a duration', 'staging', { workloads: { canary: { pause: 'two minutes' } } }, 'staging: workloads.canary.pause = "two minutes": must be a duration'],
    ['the image tag is latest', 'dev', { workloads: { imageTag: 'latest' } }, "dev: workloads.imageTag = \"latest\": must be a pinned tag, not 'latest'"],
    ['a store image tag is latest', 'dev', { workloads: { storeImageTags: { redis: 'latest' } } }, "dev: workloads.storeImageTags.redis = \"latest\": must be a pinned tag, not 'latest'"],
    ['maxReplicas is below minReplicas', 'prod', { workloads: { maxReplicas: 2 } }, 'prod: workloads.maxReplicas = 2: must be at least workloads.minReplicas (3)'],
    ['minReplicas is zero', 'dev', { workloads: { minReplicas: 0 } }, 'dev: workloads.minReplicas = 0: must be a positive integer'],
    ['the app namespace is not of tier apps', 'dev', { workloads: { appNamespace: 'data' } }, "dev: workloads.appNamespace = \"data\": must name a namespace of tier 'apps' in namespaces"],
    ['the data namespace does not exist', 'dev', { workloads: { dataNamespace: 'stores' } }, "dev: workloads.dataNamespace = \"stores\": must name a namespace of tier 'data' in namespaces"],
    ['the office-hours time zone is not IANA', 'dev', { workloads: { officeHours: { timezone: 'CET+1' } } }, 'dev: workloads.officeHours.timezone = "CET+1": must be an IANA time zone'],
    ['the office-hours window is empty', 'dev', { workloads: { officeHours: { start: '0 7 * * *', end: '0 7 * * *' } } }, 'dev: workloads.officeHours.end = "0 7 * * *": must differ from workloads.officeHours.start'],
    ['office hours are not cron', 'dev', { workloads: { officeHours: { start: 'mornings' } } }, 'dev: workloads.officeHours.start = "mornings": has 1 field; needs exactly 5'],
    ['the Aurora endpoint is not a DNS name', 'prod', { workloads: { externalDatabaseEndpoint: 'http://aurora' } }, 'prod: workloads.externalDatabaseEndpoint = "http://aurora": must be a DNS name'],
    ['the certificate belongs to another account', 'prod', { workloads: { certificateArn: 'arn:aws:acm:eu-west-1:111111111111:certificate/abc' } }, 'prod: workloads.certificateArn = "arn:aws:acm:eu-west-1:111111111111:certificate/abc": must be an ACM certificate ARN of this account and region'],
    ['prod has no certificate', 'prod', { workloads: { certificateArn: '' } }, 'prod: workloads.certificateArn = "": must be set in prod: prod serves HTTPS only (an ACM certificate ARN arn:aws:acm:eu-west-1:333333333333:certificate/…)'],
    ['the certificate is of another region', 'prod', { workloads: { certificateArn: 'arn:aws:acm:us-east-1:333333333333:certificate/abc' } }, 'prod: workloads.certificateArn = "arn:aws:acm:us-east-1:333333333333:certificate/abc": must be an ACM certificate ARN of this account and region'],
    ['the certificate ARN is not an ACM ARN', 'staging', { workloads: { certificateArn: 'my-certificate' } }, 'staging: workloads.certificateArn = "my-certificate": must be an ACM certificate ARN of this account and region (arn:aws:acm:eu-west-1:222222222222:certificate/…)'],
    ['prod has no web ACL', 'prod', { workloads: { webAcl: false } }, 'prod: workloads.webAcl = false: must be true in prod: the public ALB is associated with the web ACL platform-prod-alb the bootstrap creates'],
    ['prod has no minimum canary request volume', 'prod', { workloads: { canary: { minRequests: 0 } } }, 'prod: workloads.canary.minRequests = 0: must be at least 1 in prod'],
    ['the minimum canary request volume is negative', 'staging', { workloads: { canary: { minRequests: -1 } } }, 'staging: workloads.canary.minRequests = -1: must be an integer >= 0'],
    ['a canary step ends before the analysis measures', 'dev', { workloads: { canary: { pause: '30s' } } }, 'dev: workloads.canary.pause = "30s": must be at least 3m while workloads.canary.analysis is on: the first measurement comes 2m after a step starts'],
    ['the API request rate is not positive', 'staging', { workloads: { apiRequestsPerReplica: 0 } }, 'staging: workloads.apiRequestsPerReplica = 0: must be a positive number'],
  ];

  test.each(cases)('fails when %s', (_, base, overrides, message) => {
    expect(violationsOf(envWith(base, overrides), base)).toEqual(expect.arrayContaining([expect.stringContaining(message)]));
  });

  test('the committed environments pass', () => {
    for (const name of ['dev', 'staging', 'prod']) {
      expect(violationsOf(envWith(name, {})).filter((v) => v.includes('workloads.') || v.includes('components.'))).toEqual([]);
    }
  });

  test('an external Aurora endpoint and a certificate of the environment are accepted', () => {
    const config = envWith('prod', {
      workloads: { externalDatabaseEndpoint: 'demo.cluster-abc123.eu-west-1.rds.amazonaws.com', certificateArn: 'arn:aws:acm:eu-west-1:333333333333:certificate/0a1b-2c3d' },
    });
    expect(violationsOf(config)).toEqual([]);
  });

  test('no rule runs when the demo app is off', () => {
    expect(violationsOf(envWith('staging', { components: { demoApp: false, monitoring: false } })).filter((v) => v.includes('workloads.'))).toEqual([]);
  });
});

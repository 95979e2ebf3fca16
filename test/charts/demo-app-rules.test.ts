import { envWith, violationsOf } from '../util';

describe('demo app rules', () => {
  const cases: [string, string, unknown, string][] = [
    ['the canary analysis has no Prometheus to query', 'staging', { components: { monitoring: false } }, 'staging: components.monitoring = false: must be true while demoApp.canary.analysis is on: the canary analysis queries Prometheus'],
    ['Argo Rollouts is off', 'dev', { components: { argoRollouts: false } }, 'dev: components.argoRollouts = false: must be true while components.demoApp is: the demo app renders Rollout and AnalysisTemplate objects'],
    ['KEDA is off', 'dev', { components: { keda: false } }, 'dev: components.keda = false: must be true while components.demoApp is'],
    ['External Secrets is off', 'prod', { components: { externalSecrets: false } }, 'prod: components.externalSecrets = false: must be true while components.demoApp is'],
    ['prod sleeps off-hours', 'prod', { demoApp: { scaleToZeroOffHours: true } }, 'prod: demoApp.scaleToZeroOffHours = true: must be false outside dev'],
    ['canary weights do not increase', 'prod', { demoApp: { canary: { weights: [20, 10] } } }, 'prod: demoApp.canary.weights[1] = 10: must be greater than the previous weight (20)'],
    ['a canary weight is 100', 'dev', { demoApp: { canary: { weights: [50, 100] } } }, 'dev: demoApp.canary.weights[1] = 100: must be an integer percentage from 1 to 99'],
    ['there are no canary weights', 'dev', { demoApp: { canary: { weights: [] } } }, 'dev: demoApp.canary.weights = []: must list at least 1 item'],
    ['the canary pause is not a duration', 'staging', { demoApp: { canary: { pause: 'two minutes' } } }, 'staging: demoApp.canary.pause = "two minutes": must be a duration'],
    ['the image tag is latest', 'dev', { demoApp: { imageTag: 'latest' } }, "dev: demoApp.imageTag = \"latest\": must be a pinned tag, not 'latest'"],
    ['a store image tag is latest', 'dev', { demoApp: { storeImageTags: { redis: 'latest' } } }, "dev: demoApp.storeImageTags.redis = \"latest\": must be a pinned tag, not 'latest'"],
    ['maxReplicas is below minReplicas', 'prod', { demoApp: { maxReplicas: 2 } }, 'prod: demoApp.maxReplicas = 2: must be at least demoApp.minReplicas (3)'],
    ['minReplicas is zero', 'dev', { demoApp: { minReplicas: 0 } }, 'dev: demoApp.minReplicas = 0: must be a positive integer'],
    ['the app namespace is not of tier apps', 'dev', { demoApp: { appNamespace: 'data' } }, "dev: demoApp.appNamespace = \"data\": must name a namespace of tier 'apps' in namespaces"],
    ['the data namespace does not exist', 'dev', { demoApp: { dataNamespace: 'stores' } }, "dev: demoApp.dataNamespace = \"stores\": must name a namespace of tier 'data' in namespaces"],
    ['the office-hours time zone is not IANA', 'dev', { demoApp: { officeHours: { timezone: 'CET+1' } } }, 'dev: demoApp.officeHours.timezone = "CET+1": must be an IANA time zone'],
    ['the office-hours window is empty', 'dev', { demoApp: { officeHours: { start: '0 7 * * *', end: '0 7 * * *' } } }, 'dev: demoApp.officeHours.end = "0 7 * * *": must differ from demoApp.officeHours.start'],
    ['office hours are not cron', 'dev', { demoApp: { officeHours: { start: 'mornings' } } }, 'dev: demoApp.officeHours.start = "mornings": has 1 field; needs exactly 5'],
    ['the Aurora endpoint is not a DNS name', 'prod', { demoApp: { externalDatabaseEndpoint: 'http://aurora' } }, 'prod: demoApp.externalDatabaseEndpoint = "http://aurora": must be a DNS name'],
    ['the certificate belongs to another account', 'prod', { demoApp: { certificateArn: 'arn:aws:acm:eu-west-1:111111111111:certificate/abc' } }, 'prod: demoApp.certificateArn = "arn:aws:acm:eu-west-1:111111111111:certificate/abc": must be an ACM certificate ARN of this account and region'],
    ['prod has no certificate', 'prod', { demoApp: { certificateArn: '' } }, 'prod: demoApp.certificateArn = "": must be set in prod: prod serves HTTPS only (an ACM certificate ARN arn:aws:acm:eu-west-1:333333333333:certificate/…)'],
    ['the certificate is of another region', 'prod', { demoApp: { certificateArn: 'arn:aws:acm:us-east-1:333333333333:certificate/abc' } }, 'prod: demoApp.certificateArn = "arn:aws:acm:us-east-1:333333333333:certificate/abc": must be an ACM certificate ARN of this account and region'],
    ['the certificate ARN is not an ACM ARN', 'staging', { demoApp: { certificateArn: 'my-certificate' } }, 'staging: demoApp.certificateArn = "my-certificate": must be an ACM certificate ARN of this account and region (arn:aws:acm:eu-west-1:222222222222:certificate/…)'],
    ['prod has no web ACL', 'prod', { demoApp: { webAcl: false } }, 'prod: demoApp.webAcl = false: must be true in prod: the public ALB is associated with the web ACL platform-prod-alb the bootstrap creates'],
    ['prod has no minimum canary request volume', 'prod', { demoApp: { canary: { minRequests: 0 } } }, 'prod: demoApp.canary.minRequests = 0: must be at least 1 in prod'],
    ['the minimum canary request volume is negative', 'staging', { demoApp: { canary: { minRequests: -1 } } }, 'staging: demoApp.canary.minRequests = -1: must be an integer >= 0'],
    ['a canary step ends before the analysis measures', 'dev', { demoApp: { canary: { pause: '30s' } } }, 'dev: demoApp.canary.pause = "30s": must be at least 3m while demoApp.canary.analysis is on: the first measurement comes 2m after a step starts'],
    ['the API request rate is not positive', 'staging', { demoApp: { apiRequestsPerReplica: 0 } }, 'staging: demoApp.apiRequestsPerReplica = 0: must be a positive number'],
  ];

  test.each(cases)('fails when %s', (_, base, overrides, message) => {
    expect(violationsOf(envWith(base, overrides), base)).toEqual(expect.arrayContaining([expect.stringContaining(message)]));
  });

  test('the committed environments pass', () => {
    for (const name of ['dev', 'staging', 'prod']) {
      expect(violationsOf(envWith(name, {})).filter((v) => v.includes('demoApp.') || v.includes('components.'))).toEqual([]);
    }
  });

  test('an external Aurora endpoint and a certificate of the environment are accepted', () => {
    const config = envWith('prod', {
      demoApp: { externalDatabaseEndpoint: 'demo.cluster-abc123.eu-west-1.rds.amazonaws.com', certificateArn: 'arn:aws:acm:eu-west-1:333333333333:certificate/0a1b-2c3d' },
    });
    expect(violationsOf(config)).toEqual([]);
  });

  test('no rule runs when the demo app is off', () => {
    expect(violationsOf(envWith('staging', { components: { demoApp: false, monitoring: false } })).filter((v) => v.includes('demoApp.'))).toEqual([]);
  });
});

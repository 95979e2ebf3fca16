import { env, envWith, violationsOf } from '../util';

const PROD_CHAOS = { components: { chaos: true }, chaos: { allowInProd: true } };

describe('chaos rules', () => {
  test('the committed environments pass', () => {
    for (const name of ['dev', 'staging', 'prod']) expect(violationsOf(env(name))).toEqual([]);
  });

  test('prod may opt in explicitly', () => {
    expect(violationsOf(envWith('prod', PROD_CHAOS))).toEqual([]);
  });

  test('fails when chaos is switched on in prod without chaos.allowInProd', () => {
    expect(violationsOf(envWith('prod', { components: { chaos: true } }))).toEqual([
      'prod: components.chaos = true: must be false in a prod environment unless chaos.allowInProd is true: drills delete pods and drain nodes of the live service',
    ]);
  });

  test('fails when the schedule is not a cron', () => {
    expect(violationsOf(envWith('staging', { chaos: { schedule: 'tuesdays' } }))).toEqual([
      expect.stringContaining('staging: chaos.schedule = "tuesdays": has 1 field; needs exactly 5'),
    ]);
  });

  test('fails when the kubectl tag is not a release tag', () => {
    expect(violationsOf(envWith('dev', { chaos: { kubectlImageTag: 'latest' } }))).toEqual(['dev: chaos.kubectlImageTag = "latest": must be a kubectl release tag such as v1.33.5']);
  });

  test('fails when kubectl is more than one minor version away from the cluster', () => {
    expect(violationsOf(envWith('dev', { chaos: { kubectlImageTag: 'v1.30.2' } }))).toEqual([
      'dev: chaos.kubectlImageTag = "v1.30.2": must be within one minor version of cluster.kubernetesVersion (1.35): kubectl\'s version skew policy',
    ]);
  });

  test('fails when no namespace has tier chaos', () => {
    const config = env('staging');
    const namespaces = config.namespaces.filter((n) => n.tier !== 'chaos');
    expect(violationsOf(envWith('staging', { namespaces })).filter((v) => v.includes('tier \'chaos\''))).toEqual([
      expect.stringMatching(/^staging: namespaces = .*: must contain exactly one namespace of tier 'chaos' while components.chaos is true \(found none\): Litmus and the drills run there$/),
    ]);
  });

  test('fails when the demo app is off', () => {
    expect(violationsOf(envWith('staging', { components: { demoApp: false } }))).toEqual([
      'staging: components.demoApp = false: must be true while components.chaos is: the drills target the demo API and frontend',
    ]);
  });

  test('fails when monitoring is off', () => {
    expect(violationsOf(envWith('staging', { components: { monitoring: false } }))).toContain(
      "staging: components.monitoring = false: must be true while components.chaos is: the drills' error-ratio probes query Prometheus",
    );
  });
});

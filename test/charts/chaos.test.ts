import { demoApp } from '../../charts/demo-app';
import { buildComponents } from '../../charts/platform';
import { upstreamDir } from '../../scripts/upstream/upstream-dir';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { chaos, ChaosChart, demoAppTargets, LITMUS_VERSION } from '../../charts/chaos';
import { DemoAppChart } from '../../charts/demo-app';
import { ENDPOINTS } from '../../charts/monitoring/endpoints';
import { componentsOf } from '../../charts/platform';
import { awsNames, type EnvironmentConfig } from '../../environments';
import { CAPACITY_TYPE_LABEL } from '../../lib/scheduling';
import { UPSTREAM } from '../../lib/upstream/pins';
import { unknownValuePaths } from '../../lib/validation/chart-values';
import { env, envWith, findAll, findOne, render, testApp } from '../util';

const UPSTREAM_DIR = upstreamDir();

function build(config: EnvironmentConfig) {
  const app = testApp();
  const demo = new DemoAppChart(app, 'demo-app', config);
  const chart = new ChaosChart(app, 'chaos', config, { api: demo.api, frontend: demo.frontend });
  const objects = render(chart);
  const engines = Object.fromEntries(Object.entries(findOne(objects, 'ConfigMap', 'chaos-drills').data).map(([file, text]) => [file.replace(/\.yaml$/, ''), parse(text as string)]));
  return { demo, chart, objects, engines };
}

describe('ChaosChart', () => {
  const staging = build(env('staging'));
  const dev = build(env('dev'));

  test.each([['staging', staging], ['dev', dev]])('snapshot (%s)', (_name, built) => {
    expect(built.objects).toMatchSnapshot();
    expect(built.chart.litmus.values).toMatchSnapshot();
  });

  test('chaos runs in dev and staging, not in prod', () => {
    expect(componentsOf(env('dev')).map((c) => c.name)).toContain('chaos');
    expect(componentsOf(env('staging')).map((c) => c.name)).toContain('chaos');
    expect(componentsOf(env('prod')).map((c) => c.name)).not.toContain('chaos');
    const argocd = componentsOf(env('staging')).map((c) => c.name);
    expect(argocd.indexOf('chaos')).toBeLessThan(argocd.indexOf('argocd'));
    // Drills need Litmus and NodePool capacity before they sync.
    expect(chaos.requires!(env('staging'))).toEqual(expect.arrayContaining(['crds:litmuschaos.io', 'controller:litmus', 'capacity:node-pools']));
  });

  test('the four experiments, from go-runner of the pinned Litmus release, in the chaos namespace', () => {
    const experiments = findAll(staging.objects, 'ChaosExperiment');
    expect(experiments.map((e) => e.metadata.name).sort()).toEqual(['node-drain', 'pod-cpu-hog', 'pod-delete', 'pod-network-latency']);
    for (const e of experiments) {
      expect(e.metadata.namespace).toBe('litmus');
      expect(e.spec.definition.image).toBe(`docker.io/litmuschaos/go-runner:${UPSTREAM.litmus.appVersion}`);
    }
  });

  test('pod-delete takes half of the API Rollout, found through the demo app construct', () => {
    const { demo, engines } = staging;
    const engine = engines['api-pod-delete'];
    expect(engine.spec.appinfo).toEqual({ appns: demo.api.namespace, applabel: `app.kubernetes.io/name=${demo.api.name}`, appkind: 'rollout' });
    const env = engine.spec.experiments[0].spec.components.env;
    expect(env).toContainEqual({ name: 'PODS_AFFECTED_PERC', value: '50' });
    expect(env).toContainEqual({ name: 'TOTAL_CHAOS_DURATION', value: '60' });
    expect(env).toContainEqual({ name: 'CHAOS_INTERVAL', value: '60' });
    expect(engine.spec.defaultHealthCheck).toBe(true);
  });

  test('probes: API health over its Service, API error ratio from the monitoring Prometheus', () => {
    const probes = staging.engines['api-pod-delete'].spec.experiments[0].spec.probe;
    expect(probes.map((p: any) => [p.name, p.type, p.mode])).toEqual([
      ['api-healthy', 'httpProbe', 'Continuous'],
      ['api-error-ratio', 'promProbe', 'Edge'],
    ]);
    expect(probes[0]['httpProbe/inputs'].url).toBe(`http://${staging.demo.api.serviceName}.apps.svc.cluster.local:80${staging.demo.api.healthCheckPath}`);
    expect(probes[1]['promProbe/inputs']).toMatchObject({ endpoint: ENDPOINTS.prometheus, comparator: { criteria: '<=', value: '0.05' } });
    for (const p of probes) expect(typeof p.runProperties.probeTimeout).toBe('string');
  });

  test('node-drain rehearses a spot interruption on a node labelled spot, probing frontend and API', () => {
    const engine = staging.engines['spot-node-drain'];
    expect(engine.spec.appinfo).toBeUndefined();
    expect(engine.spec.experiments[0].spec.components.env).toContainEqual({ name: 'NODE_LABEL', value: `${CAPACITY_TYPE_LABEL}=spot` });
    expect(engine.spec.experiments[0].spec.probe.map((p: any) => p.name)).toEqual(['frontend-healthy', 'api-healthy', 'api-error-ratio']);
    expect(findOne(staging.objects, 'ClusterRole', 'chaos-spot-node-drain').rules.map((r: any) => r.resources).flat()).toEqual(['nodes', 'pods', 'pods/eviction', 'daemonsets']);
  });

  test('the drain ends before Karpenter may consolidate the emptied node (half of consolidateAfter)', () => {
    const duration = (b: ReturnType<typeof build>) => b.engines['spot-node-drain'].spec.experiments[0].spec.components.env.find((e: any) => e.name === 'TOTAL_CHAOS_DURATION').value;
    expect(duration(staging)).toBe('30'); // consolidateAfter 1m
    expect(duration(dev)).toBe('15'); // consolidateAfter 30s
    expect(duration(build(envWith('staging', { capacity: { consolidateAfter: '10m' } })))).toBe('60');
  });

  test('no spot capacity, no node-drain drill', () => {
    const { chart, engines, objects } = build(envWith('staging', { capacity: { spot: { enabled: false } } }));
    expect(chart.drills.map((d) => d.name)).toEqual(['api-pod-delete']);
    expect(Object.keys(engines)).toEqual(['api-pod-delete']);
    expect(findAll(objects, 'ClusterRole')).toEqual([]);
  });

  test('staging runs the drills weekly on chaos.schedule; dev only on demand', () => {
    const cron = (b: ReturnType<typeof build>) => findOne(b.objects, 'CronJob', 'chaos-drills').spec;
    expect(cron(staging)).toMatchObject({ schedule: '0 10 * * 2', suspend: false });
    expect(cron(dev)).toMatchObject({ suspend: true });
    expect(dev.chart.schedule.schedule).toBeUndefined();
  });

  test('the drill job runs kubectl mirrored into the environment registry', () => {
    const config = env('staging');
    const spec = findOne(staging.objects, 'CronJob').spec.jobTemplate.spec.template.spec;
    const image = `${awsNames(config).imageRegistry}/${awsNames(config).ecrRepositories.kubectl}:${config.chaos.kubectlImageTag}`;
    for (const c of [...spec.initContainers, ...spec.containers]) expect(c.image).toBe(image);
    expect(image.startsWith(`${config.aws.accountId}.dkr.ecr.${config.aws.region}.amazonaws.com/`)).toBe(true);
  });

  test('experiment pods may reach exactly the probed services', () => {
    const policies = findAll(staging.objects, 'NetworkPolicy');
    expect(policies.map((p) => `${p.metadata.namespace}/${p.metadata.name}`).sort()).toEqual(['apps/api-from-api-pod-delete', 'apps/api-from-spot-node-drain', 'apps/frontend-from-spot-node-drain']);
    expect(findOne(policies, 'NetworkPolicy', 'frontend-from-spot-node-drain').spec.ingress[0].ports).toEqual([{ protocol: 'TCP', port: staging.demo.frontend.port }]);
  });

  test('litmus-core: operator and runner of the pinned release, no analytics, exporter with monitoring', () => {
    const values = staging.chart.litmus.values as any;
    expect(staging.chart.litmus.chart).toBe(UPSTREAM.litmus.chart);
    expect(staging.chart.litmus.namespace).toBe('litmus');
    expect(values.operator.image.tag).toBe(LITMUS_VERSION);
    expect(values.runner.image.tag).toBe(LITMUS_VERSION);
    expect(values.policies.monitoring.disabled).toBe(true);
    expect(values.exporter).toMatchObject({ enabled: true, serviceMonitor: { enabled: true } });
    const noMonitoring = build(envWith('staging', { components: { monitoring: false } })).chart.litmus.values as any;
    expect(noMonitoring.exporter).toMatchObject({ enabled: false, serviceMonitor: { enabled: false } });
  });

  test('litmus-core values use only keys of the pinned chart defaults', () => {
    const defaults = parse(readFileSync(join(UPSTREAM_DIR, UPSTREAM.litmus.chartValues.file), 'utf8'));
    for (const built of [staging, dev]) expect(unknownValuePaths(built.chart.litmus.values, defaults)).toEqual([]);
  });

  test('the component receives the demo app chart through its build context, typed', () => {
    const app = testApp();
    const [demo] = buildComponents(app, env('staging'), [demoApp], []) as [DemoAppChart];
    expect(demoAppTargets({ chartOf: (c) => ((c as unknown) === demoApp ? demo : undefined) as never })).toEqual({ api: demo.api, frontend: demo.frontend });
  });

  test('fails when the demo app chart was not built first', () => {
    expect(() => chaos.build(testApp(), env('staging'), { chartOf: () => undefined })).toThrow('chaos: no demo-app chart in the app: the drills target the demo application, so build it first (components.demoApp)');
  });
});

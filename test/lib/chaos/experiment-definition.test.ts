import { CHAOS_NAMESPACE_RULES, ExperimentDefinition, NODE_DRAIN, POD_CPU_HOG, POD_DELETE, POD_NETWORK_LATENCY } from '../../../lib/chaos';
import { findOne, render } from '../../util';
import { experiment, GO_RUNNER, ownedChart } from './fixtures';

const FAULTS = [POD_DELETE, NODE_DRAIN, POD_NETWORK_LATENCY, POD_CPU_HOG];

describe('ExperimentDefinition', () => {
  test.each(FAULTS.map((f) => [f.name, f] as const))('snapshot (%s)', (_name, fault) => {
    const chart = ownedChart();
    experiment(chart, fault);
    expect(render(chart)).toMatchSnapshot();
  });

  test('runs the fault from go-runner with bash, as the upstream charts do', () => {
    const chart = ownedChart();
    experiment(chart, POD_DELETE);
    const definition = findOne(render(chart), 'ChaosExperiment', 'pod-delete').spec.definition;
    expect(definition.image).toBe(GO_RUNNER);
    expect(definition.command).toEqual(['/bin/bash']);
    expect(definition.args).toEqual(['-c', './experiments -name pod-delete']);
    expect(definition.imagePullPolicy).toBe('IfNotPresent');
    expect(definition.labels).toMatchObject({ name: 'pod-delete', 'app.kubernetes.io/component': 'experiment-job' });
  });

  test('tunables keep their upstream defaults and order', () => {
    const chart = ownedChart();
    experiment(chart, POD_DELETE);
    const env = findOne(render(chart), 'ChaosExperiment').spec.definition.env;
    expect(env.map((e: any) => e.name)).toEqual(Object.keys(POD_DELETE.env));
    expect(env.find((e: any) => e.name === 'FORCE').value).toBe('true');
  });

  test('helper-pod faults run their helper from the same image and are marked as runtime users', () => {
    const chart = ownedChart();
    experiment(chart, POD_NETWORK_LATENCY);
    experiment(chart, POD_DELETE);
    const objects = render(chart);
    const latency = findOne(objects, 'ChaosExperiment', 'pod-network-latency').spec.definition;
    expect(latency.env).toContainEqual({ name: 'LIB_IMAGE', value: GO_RUNNER });
    expect(latency.labels['app.kubernetes.io/runtime-api-usage']).toBe('true');
    expect(findOne(objects, 'ChaosExperiment', 'pod-delete').spec.definition.env.map((e: any) => e.name)).not.toContain('LIB_IMAGE');
  });

  test('node-drain is Cluster-scoped and lists node and eviction permissions; pod faults are Namespaced', () => {
    const chart = ownedChart();
    experiment(chart, NODE_DRAIN);
    experiment(chart, POD_DELETE);
    const objects = render(chart);
    const drain = findOne(objects, 'ChaosExperiment', 'node-drain').spec.definition;
    expect(drain.scope).toBe('Cluster');
    expect(drain.permissions).toContainEqual({ apiGroups: [''], resources: ['pods/eviction'], verbs: ['create'] });
    expect(drain.permissions).toContainEqual({ apiGroups: [''], resources: ['nodes'], verbs: ['get', 'list', 'patch'] });
    const podDelete = findOne(objects, 'ChaosExperiment', 'pod-delete').spec.definition;
    expect(podDelete.scope).toBe('Namespaced');
    expect(podDelete.permissions).toHaveLength(CHAOS_NAMESPACE_RULES.length + POD_DELETE.targetRules.length);
  });

  test('fails when the image is not pinned', () => {
    expect(() => new ExperimentDefinition(ownedChart(), 'x', { fault: POD_DELETE, namespace: 'litmus', image: 'docker.io/litmuschaos/go-runner:latest' })).toThrow(
      "ExperimentDefinition pod-delete: image = docker.io/litmuschaos/go-runner:latest: must be <registry>/<repository>:<tag> or @sha256:<digest>, with a pinned tag other than 'latest'",
    );
  });

  test('fails when a node fault lists no cluster-wide rules', () => {
    expect(() => new ExperimentDefinition(ownedChart(), 'x', { fault: { ...NODE_DRAIN, clusterRules: [] }, namespace: 'litmus', image: GO_RUNNER })).toThrow(
      'ExperimentDefinition node-drain: fault.clusterRules is empty: a node fault acts on cluster-scoped nodes and must list the cluster-wide rules it needs',
    );
  });
});

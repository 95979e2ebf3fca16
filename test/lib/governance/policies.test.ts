import { Size } from 'cdk8s';
import { Cpu } from 'cdk8s-plus-29';
import type { Construct } from 'constructs';
import {
  DisallowHostAccess,
  DisallowLatestTag,
  DisallowPrivilegedContainers,
  RequireDropAllCapabilities,
  RequireProbes,
  RequireResourceRequestsLimits,
  RequireRunAsNonRoot,
  RequireRuntimeDefaultSeccomp,
  RequireWorkloadLabels,
  RestrictContainerResources,
  RestrictImageRegistries,
  RestrictSpotToStateless,
  type WorkloadPolicyOptions,
} from '../../../lib/governance';
import { SPOT_TAINT } from '../../../lib/scheduling';
import { findAll, render, testChart, type K8sObject } from '../../util';

const options: WorkloadPolicyOptions = { namespaces: ['apps'], validationAction: 'Deny' };
const REGISTRY = '111111111111.dkr.ecr.eu-west-1.amazonaws.com';

const build: Record<string, (scope: Construct) => void> = {
  'disallow-privileged-containers': (s) => new DisallowPrivilegedContainers(s, 'p', options),
  'require-run-as-non-root': (s) => new RequireRunAsNonRoot(s, 'p', options),
  'disallow-host-access': (s) => new DisallowHostAccess(s, 'p', options),
  'require-drop-all-capabilities': (s) => new RequireDropAllCapabilities(s, 'p', options),
  'require-runtime-default-seccomp': (s) => new RequireRuntimeDefaultSeccomp(s, 'p', options),
  'require-workload-labels': (s) => new RequireWorkloadLabels(s, 'p', { ...options, labels: ['team', 'cost-center'] }),
  'require-resource-requests-limits': (s) => new RequireResourceRequestsLimits(s, 'p', options),
  'restrict-container-resources': (s) => new RestrictContainerResources(s, 'p', { ...options, maxCpu: Cpu.units(4), maxMemory: Size.gibibytes(16) }),
  'restrict-image-registries': (s) => new RestrictImageRegistries(s, 'p', { ...options, registries: [REGISTRY] }),
  'disallow-latest-tag': (s) => new DisallowLatestTag(s, 'p', options),
  'require-probes': (s) => new RequireProbes(s, 'p', options),
  'restrict-spot-to-stateless': (s) => new RestrictSpotToStateless(s, 'p', options),
};

function policy(name: string): K8sObject {
  const chart = testChart();
  build[name](chart);
  const [rendered] = findAll(render(chart), 'ValidatingPolicy');
  return rendered;
}

const variable = (p: K8sObject, name: string): string => p.spec.variables.find((v: { name: string }) => v.name === name).expression;

describe.each(Object.keys(build))('%s', (name) => {
  test('snapshot', () => {
    expect(policy(name)).toMatchSnapshot();
  });

  test('is named as its class says and carries report metadata', () => {
    const p = policy(name);
    expect(p.metadata.name).toBe(name);
    for (const key of ['title', 'category', 'severity', 'description']) expect(p.metadata.annotations![`policies.kyverno.io/${key}`]).toBeTruthy();
  });
});

describe('policy specifics', () => {
  test('resource caps compare parsed quantities against the configured maximum', () => {
    const p = policy('restrict-container-resources');
    expect(variable(p, 'maxCpu')).toBe("quantity('4')");
    expect(variable(p, 'maxMemory')).toBe("quantity('16Gi')");
  });

  test('registries are compared by parsed registry host', () => {
    expect(variable(policy('restrict-image-registries'), 'trustedRegistries')).toBe(`['${REGISTRY}']`);
    expect(variable(policy('restrict-image-registries'), 'untrusted')).toContain('image(c.image).registry() in variables.trustedRegistries');
  });

  test('the spot rule reads the scheduling contract taint', () => {
    expect(variable(policy('restrict-spot-to-stateless'), 'toleratesSpot')).toContain(`'${SPOT_TAINT.key}'`);
  });

  test('probes are required on long-running kinds only', () => {
    const rules = policy('require-probes').spec.matchConstraints.resourceRules as { resources: string[] }[];
    const resources = rules.flatMap((r) => r.resources);
    expect(resources).not.toContain('jobs');
    expect(resources).not.toContain('cronjobs');
    expect(resources).toEqual(expect.arrayContaining(['pods', 'deployments', 'statefulsets', 'daemonsets', 'rollouts']));
  });

  test('fails when no label is required', () => {
    expect(() => new RequireWorkloadLabels(testChart(), 'p', { ...options, labels: [] })).toThrow('RequireWorkloadLabels: labels = []');
  });

  test('fails when a required label is not a valid label key', () => {
    expect(() => new RequireWorkloadLabels(testChart(), 'p', { ...options, labels: ["team'"] })).toThrow(`labels contains "team'": not a valid label key`);
  });

  test('fails when no registry is trusted', () => {
    expect(() => new RestrictImageRegistries(testChart(), 'p', { ...options, registries: [] })).toThrow('RestrictImageRegistries: registries = []');
  });

  test('fails when a registry is written as a URL', () => {
    expect(() => new RestrictImageRegistries(testChart(), 'p', { ...options, registries: [`https://${REGISTRY}/`] })).toThrow(
      'must be a registry host without scheme or path',
    );
  });

  test('fails when the CPU cap is not positive', () => {
    expect(() => new RestrictContainerResources(testChart(), 'p', { ...options, maxCpu: Cpu.millis(0), maxMemory: Size.gibibytes(1) })).toThrow(
      'RestrictContainerResources: maxCpu = 0m: must be a positive CPU quantity',
    );
  });

  test('fails when the memory cap is not positive', () => {
    expect(() => new RestrictContainerResources(testChart(), 'p', { ...options, maxCpu: Cpu.units(1), maxMemory: Size.mebibytes(0) })).toThrow(
      'RestrictContainerResources: maxMemory = 0Gi: must be positive',
    );
  });
});

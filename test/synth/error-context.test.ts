// Every error names environment, field, value and rule: also those raised by constructs and by
// rules across environments, and violations of every phase are reported together.
import { capacity } from '../../charts/capacity';
import { synthCommand } from '../../charts/synth-command';
import { collectViolations, validateEnvironments } from '../../charts/platform';
import { environments, type EnvironmentConfig } from '../../environments';
import { formatViolation } from '../../lib/config/violation';
import { envWith, tempDir, violationsOf } from '../util';

const failingSynth = (envs: readonly EnvironmentConfig[]) => {
  const errors: string[] = [];
  const code = synthCommand([], envs, { outdir: tempDir(), log: { log: () => undefined, error: (m) => errors.push(m) } });
  return { code, lines: errors.join('\n').split('\n') };
};

describe('errors name environment, field, value and rule', () => {
  test('fails when expireAfter is zero, as a configuration violation', () => {
    expect(violationsOf(envWith('dev', { capacity: { expireAfter: '0s' } }))).toEqual(['dev: capacity.expireAfter = "0s": must be longer than zero, e.g. 30s, 5m or 720h']);
  });

  test.each([
    ['the canary pause', 'prod', { demoApp: { canary: { pause: '0s' } } }, 'prod: demoApp.canary.pause = "0s"'],
    ['the rescan interval', 'prod', { governance: { vulnerabilityScanning: { rescanAfter: '0h' } } }, 'prod: governance.vulnerabilityScanning.rescanAfter = "0h"'],
    ['the log retention', 'staging', { observability: { logs: { retention: '0h' } } }, 'staging: observability.logs.retention = "0h"'],
    ['the trace retention', 'staging', { observability: { traces: { retention: '0m' } } }, 'staging: observability.traces.retention = "0m"'],
  ])('fails when %s is zero, as a configuration violation', (_, name, overrides, prefix) => {
    expect(violationsOf(envWith(name, overrides))).toEqual([`${prefix}: must be longer than zero, e.g. 30s, 5m or 720h`]);
  });

  test('fails when the freeze duration is zero, as a configuration violation', () => {
    expect(violationsOf(envWith('prod', { capacity: { disruption: { freezeDuration: '0h' } } }))).toEqual([
      'prod: capacity.disruption.freezeDuration = "0h": must be longer than zero: a zero-length freeze never holds',
    ]);
  });

  test('fails when a policy exception reason is only spaces, as a configuration violation', () => {
    const exception = { name: 'legacy', policies: ['require-probes'], namespace: 'apps', workloads: ['report'], owner: 'a@example.com', reason: '   ', expires: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10) };
    expect(violationsOf(envWith('prod', { governance: { exceptions: [exception] } }))).toEqual([
      'prod: governance.exceptions[0].reason = "   ": must say why the workload cannot comply yet and what will fix it (not only spaces)',
    ]);
  });

  test('fails when a construct refuses its props: the error names the environment and the chart', () => {
    const refuse = jest.spyOn(capacity, 'build').mockImplementation(() => {
      throw new Error('NodePool spot: expireAfter = 0s: must be positive');
    });
    try {
      const { code, lines } = failingSynth(environments);
      expect(code).toBe(1);
      expect(lines.slice(0, 2)).toEqual(['invalid configuration (1 violation):', '  dev: chart capacity = "(construct)": NodePool spot: expireAfter = 0s: must be positive']);
    } finally {
      refuse.mockRestore();
    }
  });

  test('fails when a new environment lacks a whole block: no crash, and the violations found elsewhere are still listed', () => {
    const qa = { ...(envWith('dev', { name: 'qa', cluster: { name: 'platform-qa', vpcCidr: '10.40.0.0/16' } }) as unknown as Record<string, unknown>) };
    delete qa.aws;
    const prod = envWith('prod', { capacity: { spot: { maxCpu: -4 } } });
    const all = [...environments.filter((e) => e.name !== 'prod'), prod, qa as unknown as EnvironmentConfig];
    const found = validateEnvironments(all).map(formatViolation);
    expect(found).toEqual([
      'prod: capacity.spot.maxCpu = -4: must be a positive integer',
      'qa: aws = (missing): must be a section with accountId, region, availabilityZones (see environments/defaults.ts)',
    ]);
  });

  test('fails when an entry of the environment list is not an environment at all, without a crash', () => {
    const found = validateEnvironments([...environments, undefined as unknown as EnvironmentConfig]).map(formatViolation);
    expect(found).toEqual(['?: (environment) = (missing): must be an environment object, as defineEnvironment({ ... }) returns']);
  });

  test('reports the violations of every phase together: configuration in one environment, platform checks in another', () => {
    const badConfig = envWith('dev', { capacity: { spot: { maxCpu: -4 } } });
    const namespaces = environments[2].namespaces.map((n) => (n.name === 'monitoring' ? { ...n, quotaCpu: 32 } : n));
    const badPlatform = envWith('prod', { namespaces, observability: { prometheusMemoryGiB: 36 } });
    const all = environments.map((e) => (e.name === 'dev' ? badConfig : e.name === 'prod' ? badPlatform : e));
    const found = collectViolations(all).map(formatViolation);
    expect(found).toEqual([
      'dev: capacity.spot.maxCpu = -4: must be a positive integer',
      expect.stringMatching(/^prod: namespaces\[\d\]\.quotaMemoryGiB = 64: must admit the /),
    ]);
    const { code, lines } = failingSynth(all);
    expect(code).toBe(1);
    expect(lines[0]).toBe('invalid configuration (2 violations):');
  });
});

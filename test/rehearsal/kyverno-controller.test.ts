import type { PlanEntry, SyncPlan } from '../../lib/plan/sync-plan';
import { kyvernoAdmissionDeployment, kyvernoProcessSpec } from '../../lib/rehearsal/local-controllers/kyverno';
import { tempDir } from '../util';

/** The admission controller Deployment as the kyverno chart renders it (the flags that matter here). */
function deployment(args: string[]): PlanEntry {
  return {
    application: { name: 'prod-kyverno' } as PlanEntry['application'],
    object: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'kyverno-admission-controller', namespace: 'kyverno', labels: { 'app.kubernetes.io/component': 'admission-controller', 'app.kubernetes.io/part-of': 'kyverno' } },
      spec: {
        template: {
          spec: {
            containers: [{
              name: 'kyverno',
              args,
              env: [
                { name: 'INIT_CONFIG', value: 'kyverno' },
                { name: 'KYVERNO_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
                { name: 'KYVERNO_POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
                { name: 'KYVERNO_DEPLOYMENT', value: 'kyverno-admission-controller' },
              ],
            }],
          },
        },
      },
    },
    origin: 'kyverno@3.9.0',
    phase: 'Sync',
    wave: 0,
    namespace: 'kyverno',
    namespaced: true,
    label: 'Deployment kyverno/kyverno-admission-controller',
  } as PlanEntry;
}

const RENDERED = [
  '--caSecretName=kyverno-svc.kyverno.svc.kyverno-tls-ca',
  '--tlsSecretName=kyverno-svc.kyverno.svc.kyverno-tls-pair',
  '--servicePort=443',
  '--webhookServerPort=9443',
  '--metricsPort=8000',
  '--controllerRuntimeMetricsAddress=:8080',
  '--enablePolicyException=true',
  '--exceptionNamespace=kyverno',
  '--omitEvents=PolicyApplied,PolicySkipped',
];
const PORTS = { webhook: 41001, metrics: 41002, runtimeMetrics: 41003 };

describe('Kyverno admission controller as a local process', () => {
  test('finds the rendered admission-controller Deployment in the plan', () => {
    const entry = deployment(RENDERED);
    const other = { ...deployment([]), object: { ...deployment([]).object, metadata: { name: 'kyverno-reports-controller', labels: { 'app.kubernetes.io/component': 'reports-controller', 'app.kubernetes.io/part-of': 'kyverno' } } } } as PlanEntry;
    expect(kyvernoAdmissionDeployment({ entries: [other, entry] } as unknown as SyncPlan)).toBe(entry);
    expect(kyvernoAdmissionDeployment({ entries: [other] } as unknown as SyncPlan)).toBeUndefined();
  });

  test('keeps the platform\'s flags and serves on loopback: webhook URLs and certificate for 127.0.0.1, free ports', () => {
    const spec = kyvernoProcessSpec(deployment(RENDERED), PORTS, '/tmp/kubeconfig', tempDir('kyverno-spec-'));
    expect(spec.args).toEqual(expect.arrayContaining(['--enablePolicyException=true', '--exceptionNamespace=kyverno', '--omitEvents=PolicyApplied,PolicySkipped', '--caSecretName=kyverno-svc.kyverno.svc.kyverno-tls-ca', '--tlsSecretName=kyverno-svc.kyverno.svc.kyverno-tls-pair']));
    expect(spec.args).toEqual(expect.arrayContaining(['--kubeconfig=/tmp/kubeconfig', '--serverIP=127.0.0.1:41001', '--webhookServerPort=41001', '--metricsPort=41002', '--controllerRuntimeMetricsAddress=127.0.0.1:41003', '--webhookServerHost=127.0.0.1', '--metricsHost=127.0.0.1']));
    // The in-cluster ports are replaced, not passed twice.
    expect(spec.args.filter((a) => a.startsWith('--webhookServerPort='))).toEqual(['--webhookServerPort=41001']);
    expect(spec.args).not.toContain('--controllerRuntimeMetricsAddress=:8080');
  });

  test('resolves the pod\'s downward-API environment for a process', () => {
    const spec = kyvernoProcessSpec(deployment(RENDERED), PORTS, '/tmp/kubeconfig', tempDir('kyverno-spec-'));
    expect(spec.env).toMatchObject({ INIT_CONFIG: 'kyverno', KYVERNO_NAMESPACE: 'kyverno', KYVERNO_DEPLOYMENT: 'kyverno-admission-controller', KYVERNO_POD_NAME: 'kyverno-admission-controller-local' });
    expect(spec.namespace).toBe('kyverno');
  });

  test('fails when the rendered controller has no certificate secret names', () => {
    expect(() => kyvernoProcessSpec(deployment(RENDERED.filter((a) => !a.startsWith('--tlsSecretName'))), PORTS, '/tmp/kubeconfig', tempDir('kyverno-spec-')))
      .toThrow('Deployment kyverno/kyverno-admission-controller: the rendered admission controller has no --tlsSecretName; Kyverno needs it to keep its webhook certificate');
  });
});

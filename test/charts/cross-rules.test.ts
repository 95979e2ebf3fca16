// Rules that cross configuration and rendered values: quotas against the requests the Helm values
// and workloads render, consolidation against expiry, and AWS name limits against the cluster name.
import { AWS_NAME_LIMITS, clusterNameLimit, derivedNames } from '../../environments/names';
import { cpuCores, memoryGiB, namespaceDemand } from '../../lib/baseline/quota-usage';
import { builtPlatform, committedViolations } from '../support/built-platform';
import { env, envWith, platformViolations, violationsOf } from '../util';


describe('quota fit', () => {
  test('reads Kubernetes quantities', () => {
    expect([cpuCores('500m'), cpuCores('2'), memoryGiB('512Mi'), memoryGiB('4Gi'), memoryGiB('1Ti')]).toEqual([0.5, 2, 0.5, 4, 1024]);
  });

  test('counts Prometheus memory times replicas in the monitoring namespace', () => {
    const demand = namespaceDemand(builtPlatform('prod')).get('monitoring')!;
    expect(demand.sources[0]).toBe('Helm release kube-prometheus-stack: prometheus.prometheusSpec (2 x 8Gi memory, 2000m CPU)');
    expect(demand.memoryGiB).toBeGreaterThanOrEqual(16);
  });

  test('the committed environments fit their quotas', () => {
    for (const name of ['dev', 'staging', 'prod']) expect(committedViolations(name)).toEqual([]);
  });

  test('fails when Prometheus memory x replicas exceeds the monitoring namespace quota', () => {
    const index = env('prod').namespaces.findIndex((n) => n.name === 'monitoring');
    // CPU follows memory in the Prometheus values; give CPU room so memory is the one fault.
    const namespaces = env('prod').namespaces.map((n) => (n.name === 'monitoring' ? { ...n, quotaCpu: 32 } : n));
    const found = platformViolations(envWith('prod', { namespaces, observability: { prometheusMemoryGiB: 36 } }));
    expect(found).toEqual([
      expect.stringMatching(
        new RegExp(`^prod: namespaces\\[${index}\\]\\.quotaMemoryGiB = 64: must admit the 74\\.4 GiB of memory requests rendered into namespace monitoring \\(largest: Helm release kube-prometheus-stack: prometheus\\.prometheusSpec \\(2 x 36Gi memory`),
      ),
    ]);
  });

  test('fails when the replicas rendered into a namespace exceed its pods quota', () => {
    const index = env('prod').namespaces.findIndex((n) => n.name === 'kyverno');
    const namespaces = env('prod').namespaces.map((n) => (n.name === 'kyverno' ? { ...n, quotaCpu: 64, quotaMemoryGiB: 64 } : n));
    expect(platformViolations(envWith('prod', { namespaces, governance: { kyverno: { admissionReplicas: 30 } } }))).toEqual([
      expect.stringMatching(new RegExp(`^prod: namespaces\\[${index}\\]\\.quotaPods = 30: must admit the 3\\d pods rendered into namespace kyverno at their fixed replica counts`)),
    ]);
  });

  test('fails when the CPU requests of a namespace exceed its quota', () => {
    const namespaces = env('prod').namespaces.map((n) => (n.name === 'karpenter' ? { ...n, quotaCpu: 1 } : n));
    expect(platformViolations(envWith('prod', { namespaces }))).toEqual([
      expect.stringContaining('prod: namespaces[0].quotaCpu = 1: must admit the 2 cores of CPU requests rendered into namespace karpenter'),
    ]);
  });
});

describe('consolidation and expiry', () => {
  test('fails when consolidateAfter is longer than expireAfter', () => {
    expect(violationsOf(envWith('staging', { capacity: { consolidateAfter: '800h', expireAfter: '720h' } }))).toEqual([
      'staging: capacity.consolidateAfter = "800h": must be shorter than capacity.expireAfter (720h): nodes would expire before consolidation could ever act on them',
    ]);
  });
});

describe('AWS names derived from the cluster name', () => {
  test('the cluster-name limit is derived from the tightest derived name', () => {
    const prod = env('prod');
    const { length, tightest } = clusterNameLimit(prod);
    const at = (n: number) => derivedNames({ ...prod, cluster: { ...prod.cluster, name: 'c'.repeat(n) } });
    expect(at(length).every((d) => d.name.length <= d.limit)).toBe(true);
    expect(at(length + 1).some((d) => d.name.length > d.limit && d.what === tightest.what)).toBe(true);
  });

  test('fails when an IAM role name derived from the cluster name exceeds 64 characters', () => {
    const name = 'platform-production-eu-west-1-blue-a';
    const role = `${name}-aws-load-balancer-controller`;
    expect(role.length).toBeGreaterThan(AWS_NAME_LIMITS.iamRole);
    const [violation] = violationsOf(envWith('prod', { cluster: { name } }));
    expect(violation).toContain(`prod: cluster.name = "${name}": must be at most ${clusterNameLimit(env('prod')).length} characters`);
    expect(violation).toContain(`IAM role podIdentities.loadBalancerController ${role} (${role.length} > 64)`);
  });
});

import { ApiObject, Chart, Size, type App } from 'cdk8s';
import { k8s } from 'cdk8s-plus-29';
import { CapacityChart, spotSafetyCheck } from '../../charts/capacity';
import { committedViolations } from '../support/built-platform';
import { PLATFORM_CHECKS } from '../../charts/registry';
import { Ec2NodeClass, NodePool } from '../../lib/capacity';
import { formatViolation } from '../../lib/config/violation';
import { CAPACITY_TYPE_LABEL, ON_DEMAND_NODE_SELECTOR, SPOT_TOLERATION, STATEFUL_LABEL } from '../../lib/scheduling';
import { env, testApp } from '../util';

const prod = env('prod');
const container = { name: 'main', image: 'registry.example.com/app:1.0' };

/** An App holding the prod capacity chart and a `data` chart to put workloads in. */
function platformWith(add: (chart: Chart) => void): App {
  const app = testApp();
  new CapacityChart(app, 'capacity', prod);
  add(new Chart(app, 'data', { disableResourceNameHashes: true }));
  return app;
}

function statefulSet(chart: Chart, name: string, pod: Partial<k8s.PodSpec>) {
  new k8s.KubeStatefulSet(chart, name, {
    metadata: { name, namespace: 'data' },
    spec: {
      serviceName: name,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [container], ...pod } },
      volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: k8s.Quantity.fromString('10Gi') } } } }],
    },
  });
}

function deployment(chart: Chart, name: string, pod: Partial<k8s.PodSpec>, labels: Record<string, string> = {}) {
  new k8s.KubeDeployment(chart, name, {
    metadata: { name, namespace: 'apps', labels },
    spec: { selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name, ...labels } }, spec: { containers: [container], ...pod } } },
  });
}

const pvc = { volumes: [{ name: 'cache', persistentVolumeClaim: { claimName: 'cache' } }] };
const check = (app: App) => spotSafetyCheck(app, prod).map(formatViolation);

describe('spot safety check', () => {
  test('fails when a StatefulSet tolerates the spot taint', () => {
    const found = check(platformWith((c) => statefulSet(c, 'postgres', { tolerations: [SPOT_TOLERATION] })));
    expect(found).toEqual([
      'prod: chart data: StatefulSet data/postgres = [{"effect":"NoSchedule","key":"platform.example.com/spot","operator":"Equal","value":"true"}]: ' +
        'is a StatefulSet, has volumeClaimTemplates data, yet can be scheduled onto spot NodePool spot-stateless, where an interruption loses its state: ' +
        'remove its toleration of platform.example.com/spot, or pin it with nodeSelector karpenter.sh/capacity-type: on-demand (ON_DEMAND_NODE_SELECTOR)',
    ]);
  });

  test('passes when the StatefulSet tolerating spot is pinned to on-demand by nodeSelector', () => {
    expect(check(platformWith((c) => statefulSet(c, 'postgres', { tolerations: [SPOT_TOLERATION], nodeSelector: { ...ON_DEMAND_NODE_SELECTOR } })))).toEqual([]);
  });

  test('passes when it is pinned to on-demand by required node affinity', () => {
    const affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: CAPACITY_TYPE_LABEL, operator: 'NotIn', values: ['spot'] }] }] } } };
    expect(check(platformWith((c) => statefulSet(c, 'postgres', { tolerations: [SPOT_TOLERATION], affinity })))).toEqual([]);
  });

  test('fails when only one of the required node affinity terms excludes spot', () => {
    const affinity = {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [
            { matchExpressions: [{ key: CAPACITY_TYPE_LABEL, operator: 'In', values: ['on-demand'] }] },
            { matchExpressions: [{ key: 'topology.kubernetes.io/zone', operator: 'In', values: ['eu-west-1a'] }] },
          ],
        },
      },
    };
    expect(check(platformWith((c) => statefulSet(c, 'postgres', { tolerations: [SPOT_TOLERATION], affinity })))).toHaveLength(1);
  });

  test('passes when a StatefulSet does not tolerate spot', () => {
    expect(check(platformWith((c) => statefulSet(c, 'postgres', {})))).toEqual([]);
  });

  test('fails when a Deployment mounting a PVC tolerates spot', () => {
    const found = check(platformWith((c) => deployment(c, 'uploads', { ...pvc, tolerations: [SPOT_TOLERATION] })));
    expect(found).toEqual([expect.stringContaining('prod: chart data: Deployment apps/uploads = ')]);
    expect(found[0]).toContain('mounts PersistentVolumeClaim cache, yet can be scheduled onto spot NodePool spot-stateless');
  });

  test('passes for a stateless Deployment tolerating spot', () => {
    expect(check(platformWith((c) => deployment(c, 'web', { tolerations: [SPOT_TOLERATION] })))).toEqual([]);
  });

  test('fails when a workload labelled stateful tolerates every taint (operator Exists, empty key)', () => {
    const found = check(platformWith((c) => deployment(c, 'cache', { tolerations: [{ operator: 'Exists' }] }, { [STATEFUL_LABEL]: 'true' })));
    expect(found).toEqual([expect.stringContaining(`Deployment apps/cache = [{"operator":"Exists"}]: is labelled ${STATEFUL_LABEL}=true`)]);
  });

  test('fails for CronJob, Argo Rollout and KEDA ScaledJob pod templates too', () => {
    const pod = { containers: [container], ...pvc, tolerations: [SPOT_TOLERATION] };
    const found = check(
      platformWith((c) => {
        new k8s.KubeCronJob(c, 'report', { metadata: { name: 'report', namespace: 'apps' }, spec: { schedule: '0 1 * * *', jobTemplate: { spec: { template: { spec: { ...pod, restartPolicy: 'Never' } } } } } });
        new ApiObject(c, 'rollout', { apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', metadata: { name: 'api', namespace: 'apps' }, spec: { template: { spec: pod } } });
        new ApiObject(c, 'scaled-job', { apiVersion: 'keda.sh/v1alpha1', kind: 'ScaledJob', metadata: { name: 'worker', namespace: 'apps' }, spec: { jobTargetRef: { template: { spec: pod } } } });
      }),
    );
    expect(found.map((v) => v.split(' = ')[0])).toEqual(['prod: chart data: CronJob apps/report', 'prod: chart data: Rollout apps/api', 'prod: chart data: ScaledJob apps/worker']);
  });

  test('fails when a spot pool carries no taint at all: every unpinned stateful workload is exposed', () => {
    const app = testApp();
    const chart = new Chart(app, 'custom', { disableResourceNameHashes: true });
    const nodeClass = new Ec2NodeClass(chart, 'nc', { name: 'default', amiFamily: 'al2023', amiVersion: 'v20251120', role: 'r', subnetSelectorTags: { a: 'b' }, securityGroupSelectorTags: { a: 'b' } });
    new NodePool(chart, 'mixed', { name: 'mixed', nodeClass, capacityTypes: ['spot', 'on-demand'], limits: { cpu: 10, memory: Size.gibibytes(40) } });
    statefulSet(chart, 'postgres', {});
    statefulSet(chart, 'pinned', { nodeSelector: { ...ON_DEMAND_NODE_SELECTOR } });
    expect(spotSafetyCheck(app, prod).map((v) => v.path)).toEqual(['chart custom: StatefulSet data/postgres']);
  });

  test('runs before anything is written', () => {
    expect(PLATFORM_CHECKS).toContain(spotSafetyCheck);
  });

  test('the committed environments are spot-safe', () => {
    for (const name of ['dev', 'staging', 'prod']) expect(committedViolations(name)).toEqual([]);
  });
});

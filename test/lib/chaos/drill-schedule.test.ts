import { Duration } from 'cdk8s';
import { parse } from 'yaml';
import { ChaosDrill, DrillSchedule, NODE_DRAIN, ON_DEMAND_SCHEDULE, POD_DELETE, rolloutTarget, type DrillScheduleProps } from '../../../lib/chaos';
import { findOne, render } from '../../util';
import { experiment, KUBECTL, ownedChart, webService } from './fixtures';

function setup(props: Partial<DrillScheduleProps> = {}, chaosNamespace = 'litmus') {
  const chart = ownedChart();
  const api = webService(chart);
  const podDelete = new ChaosDrill(chart, 'pod-delete', {
    name: 'api-pod-delete',
    experiment: experiment(chart, POD_DELETE, chaosNamespace),
    target: rolloutTarget(api),
    chaosDuration: Duration.seconds(60),
  });
  const drain = new ChaosDrill(chart, 'node-drain', {
    name: 'spot-node-drain',
    experiment: experiment(chart, NODE_DRAIN),
    nodeLabel: { key: 'karpenter.sh/capacity-type', value: 'spot' },
    chaosDuration: Duration.seconds(30),
  });
  const schedule = new DrillSchedule(chart, 'schedule', { name: 'chaos-drills', drills: [podDelete, drain], schedule: '0 10 * * 2', image: KUBECTL, ...props });
  // Probes added after the schedule still reach the engine manifests.
  podDelete.expectHealthy(api);
  drain.expectHealthy(api);
  const objects = render(chart).filter((o) => o.metadata.namespace === 'litmus' && o.metadata.name === 'chaos-drills');
  return { chart, schedule, podDelete, drain, objects };
}

const podSpec = (objects: any[]) => findOne(objects, 'CronJob').spec.jobTemplate.spec.template.spec;
const allContainers = (objects: any[]) => [...podSpec(objects).initContainers, ...podSpec(objects).containers];

describe('DrillSchedule', () => {
  test('snapshot', () => {
    expect(setup().objects).toMatchSnapshot();
  });

  test('runs each drill as reset, start, await completion, require Pass, in order', () => {
    const steps = allContainers(setup().objects);
    expect(steps.map((c: any) => c.name)).toEqual([
      'api-pod-delete-reset', 'api-pod-delete-start', 'api-pod-delete-await', 'api-pod-delete-verdict',
      'spot-node-drain-reset', 'spot-node-drain-start', 'spot-node-drain-await', 'spot-node-drain-verdict',
    ]);
    expect(steps[0].args).toEqual(['delete', 'chaosengine/api-pod-delete', 'chaosresult/api-pod-delete-pod-delete', '--namespace=litmus', '--ignore-not-found', '--wait=true', '--timeout=300s']);
    expect(steps[1].args).toEqual(['create', '--filename=/drills/api-pod-delete.yaml']);
    expect(steps[2].args).toEqual(['wait', 'chaosengine/api-pod-delete', '--namespace=litmus', '--for=jsonpath={.status.engineStatus}=completed', '--timeout=660s']);
    expect(steps[3].args).toEqual(['wait', 'chaosresult/api-pod-delete-pod-delete', '--namespace=litmus', '--for=jsonpath={.status.experimentStatus.verdict}=Pass', '--timeout=60s']);
  });

  test('the ConfigMap holds each engine manifest, probes included', () => {
    const { objects, podDelete } = setup();
    const data = findOne(objects, 'ConfigMap').data;
    expect(Object.keys(data)).toEqual(['api-pod-delete.yaml', 'spot-node-drain.yaml']);
    expect(parse(data['api-pod-delete.yaml'])).toEqual(podDelete.engineManifest);
    expect(parse(data['spot-node-drain.yaml']).spec.experiments[0].spec.probe.map((p: any) => p.name)).toEqual(['api-healthy']);
  });

  test('scheduled: active CronJob in UTC, no overlap, no retry, bounded run time', () => {
    const spec = findOne(setup().objects, 'CronJob').spec;
    expect(spec).toMatchObject({ schedule: '0 10 * * 2', suspend: false, timeZone: 'Etc/UTC', concurrencyPolicy: 'Forbid' });
    expect(spec.jobTemplate.spec.backoffLimit).toBe(0);
    expect(spec.jobTemplate.spec.activeDeadlineSeconds).toBe((300 + 660 + 60) + (300 + 630 + 60));
  });

  test('on demand: suspended, with the command that starts a run', () => {
    const { objects, schedule } = setup({ schedule: undefined });
    const cronJob = findOne(objects, 'CronJob');
    expect(cronJob.spec).toMatchObject({ schedule: ON_DEMAND_SCHEDULE, suspend: true });
    expect(cronJob.metadata.annotations?.['platform.example.com/run-now']).toBe('kubectl --namespace=litmus create job --from=cronjob/chaos-drills chaos-drills-manual');
    expect(schedule.schedule).toBeUndefined();
  });

  test('restricted pod: non-root, read-only root, no capabilities, RuntimeDefault seccomp, sized, pinned image', () => {
    const { objects } = setup();
    expect(podSpec(objects).securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 65532, seccompProfile: { type: 'RuntimeDefault' } });
    for (const c of allContainers(objects)) {
      expect(c.image).toBe(KUBECTL);
      expect(c.securityContext).toEqual({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsNonRoot: true, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' } });
      expect(c.resources).toMatchObject({ requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '100m', memory: '128Mi' } });
      expect(c.env).toEqual([{ name: 'HOME', value: '/tmp' }]);
    }
    expect(podSpec(objects).volumes).toEqual([{ name: 'writable-0', emptyDir: {} }, { name: 'engines', configMap: { name: 'chaos-drills' } }]);
    expect(findOne(objects, 'CronJob').spec.jobTemplate.spec.template.metadata.labels).toMatchObject({ team: 'payments', 'cost-center': 'cc-7', 'app.kubernetes.io/name': 'chaos-drills' });
  });

  test('least privilege: create engines, and touch only these drills engines and results', () => {
    const role = findOne(setup().objects, 'Role');
    expect(role.rules).toEqual([
      { apiGroups: ['litmuschaos.io'], resources: ['chaosengines'], verbs: ['create'] },
      { apiGroups: ['litmuschaos.io'], resources: ['chaosengines'], verbs: ['get', 'list', 'watch', 'delete'], resourceNames: ['api-pod-delete', 'spot-node-drain'] },
      { apiGroups: ['litmuschaos.io'], resources: ['chaosresults'], verbs: ['get', 'list', 'watch', 'delete'], resourceNames: ['api-pod-delete-pod-delete', 'spot-node-drain-node-drain'] },
    ]);
  });

  test('fails when there is no drill', () => {
    expect(() => new DrillSchedule(ownedChart(), 's', { name: 'chaos-drills', drills: [], image: KUBECTL })).toThrow('DrillSchedule chaos-drills: drills is empty: list at least one ChaosDrill');
  });

  test('fails when drills live in different namespaces', () => {
    expect(() => setup({}, 'chaos')).toThrow('DrillSchedule chaos-drills: drills spot-node-drain (litmus) are not in chaos: a schedule runs drills of one namespace');
  });

  test('fails when a drill is listed twice', () => {
    const { chart, podDelete } = setup();
    expect(() => new DrillSchedule(chart, 'twice', { name: 'twice', drills: [podDelete, podDelete], image: KUBECTL })).toThrow('DrillSchedule twice: drill api-pod-delete is listed twice');
  });

  test('fails when the schedule is not a five-field cron', () => {
    expect(() => setup({ schedule: 'weekly' })).toThrow('DrillSchedule chaos-drills: schedule = "weekly": has 1 field; needs exactly 5 (minute hour day-of-month month day-of-week)');
  });

  test('fails when the kubectl image is not pinned', () => {
    expect(() => setup({ image: 'registry.k8s.io/kubectl:latest' })).toThrow("DrillSchedule chaos-drills: image = registry.k8s.io/kubectl:latest: must be <registry>/<repository>:<tag> or @sha256:<digest>, with a pinned tag other than 'latest'");
  });
});

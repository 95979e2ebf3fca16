import { assertRule, cronRule } from '../config/checks';
import { Duration, Lazy, Size } from 'cdk8s';
import { Cpu, k8s } from 'cdk8s-plus-29';
import { Construct } from 'constructs';
import { stringify } from 'yaml';
import { assertTimeZone } from '../schedule';
import { buildContainer, restrictedPodSecurityContext } from '../workloads/container';
import { APP_NAME_LABEL, podLabels } from '../workloads/labels';
import type { WorkloadResources } from '../workloads/units';
import type { ChaosDrill } from './chaos-drill';

export interface DrillScheduleProps {
  /** Name of the CronJob and of its ConfigMap, ServiceAccount and Role. */
  readonly name: string;
  /** Drills in the order they run; a failed verdict stops the run. All in one namespace. */
  readonly drills: readonly ChaosDrill[];
  /**
   * Five-field cron the drills run on, in `timeZone`.
   * @default - on demand: the CronJob is suspended and a person starts a run with
   * `kubectl create job --from=cronjob/<name>`
   */
  readonly schedule?: string;
  /** @default 'Etc/UTC' */
  readonly timeZone?: string;
  /** kubectl image with a pinned tag, from a registry the cluster trusts. */
  readonly image: string;
  /** UID the job runs as. @default 65532 */
  readonly runAsUser?: number;
  /** Of each step container. @default 50m/100m CPU, 64Mi/128Mi memory */
  readonly resources?: WorkloadResources;
}

/** Cron of a suspended (on-demand) CronJob: required by the API, never reached while suspended. */
export const ON_DEMAND_SCHEDULE = '0 0 1 1 *';

const DRILLS_PATH = '/drills';
const DEFAULT_RESOURCES: WorkloadResources = {
  cpu: { request: Cpu.millis(50), limit: Cpu.millis(100) },
  memory: { request: Size.mebibytes(64), limit: Size.mebibytes(128) },
};
const RESET_TIMEOUT = Duration.minutes(5);
const VERDICT_TIMEOUT = Duration.minutes(1);

/**
 * Runs chaos drills one after another, on a schedule or on demand. Litmus 3.x ships no
 * ChaosSchedule, so this is a least-privilege CronJob: for each drill it deletes the previous
 * engine and result, creates the engine from the manifest kept in a ConfigMap, waits for it to
 * complete and requires the verdict `Pass`; each step is one kubectl call in an init container,
 * so no shell is needed and a failed step fails the job.
 */
export class DrillSchedule extends Construct {
  public readonly name: string;
  public readonly namespace: string;
  /** The cron, or undefined when the drills run on demand only. */
  public readonly schedule?: string;
  public readonly drills: readonly ChaosDrill[];

  constructor(scope: Construct, id: string, props: DrillScheduleProps) {
    super(scope, id);
    const owner = `DrillSchedule ${props.name}`;
    if (props.drills.length === 0) throw new Error(`${owner}: drills is empty: list at least one ChaosDrill`);
    const namespace = props.drills[0].namespace;
    const strays = props.drills.filter((d) => d.namespace !== namespace).map((d) => `${d.name} (${d.namespace})`);
    if (strays.length > 0) throw new Error(`${owner}: drills ${strays.join(', ')} are not in ${namespace}: a schedule runs drills of one namespace`);
    const names = props.drills.map((d) => d.name);
    const duplicate = names.find((n, i) => names.indexOf(n) !== i);
    if (duplicate) throw new Error(`${owner}: drill ${duplicate} is listed twice`);
    if (props.schedule !== undefined) assertRule(owner, 'schedule', props.schedule, cronRule(props.schedule));
    if (props.timeZone !== undefined) assertTimeZone(owner, 'timeZone', props.timeZone);
    this.name = props.name;
    this.namespace = namespace;
    this.schedule = props.schedule;
    this.drills = props.drills;
    const labels = { [APP_NAME_LABEL]: props.name };

    new k8s.KubeConfigMap(this, 'engines', {
      metadata: { name: props.name, namespace, labels },
      // Lazy: drills may gain probes after the schedule is declared.
      data: Object.fromEntries(props.drills.map((d) => [`${d.name}.yaml`, Lazy.any({ produce: () => stringify(d.engineManifest, { lineWidth: 0 }) })])),
    });

    new k8s.KubeServiceAccount(this, 'service-account', { metadata: { name: props.name, namespace, labels } });
    // Creating an engine cannot be limited by name (the object does not exist yet); everything
    // else is limited to these drills' engines and results.
    new k8s.KubeRole(this, 'role', {
      metadata: { name: props.name, namespace, labels },
      rules: [
        { apiGroups: ['litmuschaos.io'], resources: ['chaosengines'], verbs: ['create'] },
        { apiGroups: ['litmuschaos.io'], resources: ['chaosengines'], verbs: ['get', 'list', 'watch', 'delete'], resourceNames: names },
        { apiGroups: ['litmuschaos.io'], resources: ['chaosresults'], verbs: ['get', 'list', 'watch', 'delete'], resourceNames: props.drills.map((d) => d.resultName) },
      ],
    });
    new k8s.KubeRoleBinding(this, 'role-binding', {
      metadata: { name: props.name, namespace, labels },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: props.name },
      subjects: [{ kind: 'ServiceAccount', name: props.name, namespace }],
    });

    const kubectl = (step: string, args: string[]) =>
      buildContainer(owner, step, {
        image: props.image,
        command: ['kubectl'],
        args,
        // kubectl caches API discovery under $HOME; the root filesystem is read-only.
        env: { HOME: '/tmp' },
        resources: props.resources ?? DEFAULT_RESOURCES,
        writablePaths: ['/tmp'],
        volumeMounts: [{ name: 'engines', mountPath: DRILLS_PATH, readOnly: true }],
      });
    const steps = props.drills.flatMap((d) => [
      kubectl(`${d.name}-reset`, ['delete', `chaosengine/${d.name}`, `chaosresult/${d.resultName}`, `--namespace=${namespace}`, '--ignore-not-found', '--wait=true', `--timeout=${RESET_TIMEOUT.toSeconds()}s`]),
      kubectl(`${d.name}-start`, ['create', `--filename=${DRILLS_PATH}/${d.name}.yaml`]),
      kubectl(`${d.name}-await`, ['wait', `chaosengine/${d.name}`, `--namespace=${namespace}`, '--for=jsonpath={.status.engineStatus}=completed', `--timeout=${d.timeout.toSeconds()}s`]),
      kubectl(`${d.name}-verdict`, ['wait', `chaosresult/${d.resultName}`, `--namespace=${namespace}`, '--for=jsonpath={.status.experimentStatus.verdict}=Pass', `--timeout=${VERDICT_TIMEOUT.toSeconds()}s`]),
    ]);
    const tooLong = steps.map((s) => s.container.name).find((n) => n.length > 63);
    if (tooLong) throw new Error(`${owner}: step container ${tooLong} is longer than 63 characters: shorten the drill name`);
    // Every step mounts the same /tmp emptyDir.
    const volumes = [...new Map(steps.flatMap((s) => s.volumes).map((v) => [v.name, v])).values()];
    const runSeconds = props.drills.reduce((sum, d) => sum + RESET_TIMEOUT.toSeconds() + d.timeout.toSeconds() + VERDICT_TIMEOUT.toSeconds(), 0);

    new k8s.KubeCronJob(this, 'cron-job', {
      metadata: {
        name: props.name,
        namespace,
        labels,
        annotations: { 'platform.example.com/run-now': `kubectl --namespace=${namespace} create job --from=cronjob/${props.name} ${props.name}-manual` },
      },
      spec: {
        schedule: props.schedule ?? ON_DEMAND_SCHEDULE,
        suspend: props.schedule === undefined,
        timeZone: props.timeZone ?? 'Etc/UTC',
        concurrencyPolicy: 'Forbid',
        startingDeadlineSeconds: 600,
        successfulJobsHistoryLimit: 3,
        failedJobsHistoryLimit: 3,
        jobTemplate: {
          metadata: { labels },
          spec: {
            // A failed drill is a finding to look at, not something to retry.
            backoffLimit: 0,
            activeDeadlineSeconds: runSeconds,
            template: {
              metadata: { labels: podLabels(this, 'DrillSchedule', props.name) },
              spec: {
                serviceAccountName: props.name,
                automountServiceAccountToken: true,
                restartPolicy: 'Never',
                securityContext: restrictedPodSecurityContext(props.runAsUser ?? 65532),
                initContainers: steps.slice(0, -1).map((s) => s.container),
                containers: [steps[steps.length - 1].container],
                volumes: [...volumes, { name: 'engines', configMap: { name: props.name } }],
              },
            },
          },
        },
      },
    });
  }
}

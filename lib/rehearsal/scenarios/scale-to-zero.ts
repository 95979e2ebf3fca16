import { FakePrometheus } from '../fake-prometheus';
import type { KubeClient } from '../kube-client';
import { formatEvent, markEventsSeen, newEvents } from '../local-controllers/controller-events';
import type { LocalControllerContext, Scenario, ScenarioResult } from '../local-controllers/local-controller';
import { cronTriggerOf, shiftedCronWindow, triggersForRehearsal, type CronWindow } from './cron-window';

export interface ScaleToZeroOptions {
  readonly namespace: string;
  readonly scaledObject: string;
  /** Kind of its scale target (a Rollout also needs the Argo Rollouts controller). */
  readonly targetKind: string;
  /** KEDA's cooldown and polling in the rehearsal. @default 5 and 2 seconds */
  readonly cooldownSeconds?: number;
  readonly pollingSeconds?: number;
  /** Time before the window opens, for the target to reach zero first. @default 15 s */
  readonly leadSeconds?: number;
}

/** Plural resource of the scale targets the platform uses. */
const TARGETS: Readonly<Record<string, string>> = {
  Deployment: '/apis/apps/v1/namespaces/{ns}/deployments/{name}',
  StatefulSet: '/apis/apps/v1/namespaces/{ns}/statefulsets/{name}',
  Rollout: '/apis/argoproj.io/v1alpha1/namespaces/{ns}/rollouts/{name}',
};

const EXTERNAL_METRICS_API = 'external.metrics.k8s.io/v1beta1';

/** One look at the scale target: replicas KEDA (or the HPA) set, and replicas available. */
interface Sample {
  readonly second: number;
  readonly replicas: number;
  readonly available: number;
}

/**
 * A ScaledObject with a cron trigger scales its target to zero outside the window and back up
 * inside it, driven by the rehearsal's clock: a scenario copy of the live ScaledObject gets a
 * one-minute window opening shortly (cron in the trigger's own time zone), KEDA's cooldown and
 * polling in seconds, its Prometheus triggers answered 0 by a stand-in and triggers that need AWS
 * left out. It asserts replicas 0 before the window, at least one available inside it, 0 after,
 * with KEDA's own events; where KEDA's metrics adapter serves the external metrics API, the copy
 * asks for two replicas inside the window, so its HPA must read the cron metric and scale beyond
 * the first. The rendered ScaledObject is restored afterwards.
 */
export class ScaleToZeroScenario implements Scenario {
  readonly name: string;
  readonly controllers: readonly string[];
  readonly notExercised = ['triggers that need AWS (aws-sqs-queue) are left out of the scenario copy: scaling on queue length, e.g. the worker\'s scale to zero on an empty queue, is not exercised'];

  constructor(private readonly options: ScaleToZeroOptions) {
    this.name = `scale to zero ${options.namespace}/${options.scaledObject}`;
    this.controllers = ['keda', ...(options.targetKind === 'Rollout' ? ['argo-rollouts'] : [])];
  }

  async run(ctx: LocalControllerContext): Promise<ScenarioResult[]> {
    const { client } = ctx;
    const { namespace } = this.options;
    const path = `/apis/keda.sh/v1alpha1/namespaces/${namespace}/scaledobjects/${this.options.scaledObject}`;
    const live = await client.get(path);
    if (!live) return [{ name: this.name, passed: false, details: [`ScaledObject ${namespace}/${this.options.scaledObject} does not exist`], events: [] }];
    const cron = cronTriggerOf(live);
    const ref = live.spec.scaleTargetRef ?? {};
    const template = TARGETS[ref.kind ?? 'Deployment'];
    if (!template) return [{ name: this.name, passed: false, details: [`scale target kind ${ref.kind} is not one the scenario reads (${Object.keys(TARGETS).join(', ')})`], events: [] }];
    const targetPath = template.replace('{ns}', namespace).replace('{name}', ref.name);
    const cooldown = this.options.cooldownSeconds ?? 5;
    const polling = this.options.pollingSeconds ?? 2;
    const minReplicaCount = live.spec.minReplicaCount ?? 0;
    const prometheus = await FakePrometheus.start(() => 0);
    const seen = new Set<string>();
    const original = { cooldownPeriod: live.spec.cooldownPeriod ?? null, pollingInterval: live.spec.pollingInterval ?? null, triggers: live.spec.triggers };
    const details: string[] = [];
    const samples: Sample[] = [];
    const started = Date.now();
    try {
      await markEventsSeen(client, namespace, seen);
      const window = shiftedCronWindow(new Date(), cron.metadata?.timezone ?? 'Etc/UTC', this.options.leadSeconds ?? 15, 1);
      // With the metrics adapter serving, the HPA KEDA makes takes over from the first replica: ask
      // for two inside the window so scaling beyond one is exercised too (within maxReplicaCount).
      const renderedDesired = Number(cron.metadata?.desiredReplicas ?? 1);
      const served = await externalMetricsServed(client);
      const desired = served && (live.spec.maxReplicaCount ?? 100) >= 2 ? Math.max(2, renderedDesired) : renderedDesired;
      const { triggers, leftOut } = triggersForRehearsal(live, window, prometheus.url, desired);
      await client.mergePatch(path, { spec: { cooldownPeriod: cooldown, pollingInterval: polling, triggers } });
      details.push(
        `scenario copy of ScaledObject ${namespace}/${this.options.scaledObject}: cron ${cron.metadata?.start} → ${cron.metadata?.end} (${cron.metadata?.timezone}) becomes ${window.start} → ${window.end} (open ${time(window.opensAt)}–${time(window.closesAt)} UTC); cooldownPeriod ${live.spec.cooldownPeriod ?? 300} → ${cooldown} s, pollingInterval ${live.spec.pollingInterval ?? 30} → ${polling} s`
          + `${triggers.some((t) => t.type === 'prometheus') ? `; Prometheus triggers → ${prometheus.url} answering 0` : ''}${leftOut.length > 0 ? `; left out: ${leftOut.map((t) => `${t.name ?? t.type} (${t.type})`).join(', ')}` : ''}`,
        `minReplicaCount ${minReplicaCount}, cron desiredReplicas ${renderedDesired}${desired !== renderedDesired ? ` → ${desired} (the HPA must scale beyond the first replica through ${EXTERNAL_METRICS_API})` : served ? '' : ` (${EXTERNAL_METRICS_API} not served: KEDA alone scales 0 ↔ 1)`}, target ${ref.kind ?? 'Deployment'} ${namespace}/${ref.name}`,
      );
      const watch = (until: number, done: (s: Sample) => boolean) => follow(client, targetPath, started, samples, until, done);

      const hpaReadings: string[] = [];
      const problem = await this.phases(window, watch, minReplicaCount, cooldown, hpaReadings, client, served ? desired : 1);
      details.push(`replicas ${timeline(samples)}`);
      if (hpaReadings.length > 0) details.push(`HPA keda-hpa-${this.options.scaledObject} read through ${EXTERNAL_METRICS_API}: ${[...new Set(hpaReadings)].join('; ')}`);
      if (problem) details.push(problem);
      const events = (await newEvents(client, namespace, (o) => (o.kind === 'ScaledObject' && o.name === this.options.scaledObject) || o.name === ref.name || (o.kind === 'HorizontalPodAutoscaler' && o.name === `keda-hpa-${this.options.scaledObject}`), seen)).map(formatEvent);
      return [{ name: `${this.name}: 0 outside its cron window, up inside, 0 after`, passed: problem === undefined, details, events }];
    } catch (error) {
      return [{ name: this.name, passed: false, details: [...details, `stopped: ${error instanceof Error ? error.message : String(error)}`], events: [] }];
    } finally {
      await client.mergePatch(path, { spec: original }).catch(() => undefined);
      await prometheus.stop();
    }
  }

  /** Zero before the window, up inside it, zero after; the first phase that does not hold, or undefined. */
  private async phases(window: CronWindow, watch: (until: number, done: (s: Sample) => boolean) => Promise<Sample | undefined>, minReplicaCount: number, cooldown: number, hpaReadings: string[], client: KubeClient, inside: number): Promise<string | undefined> {
    const before = await watch(window.opensAt.getTime() - 1000, (s) => s.replicas === 0);
    if (!before) {
      const last = await watch(0, () => true);
      return `outside the window the target stayed at ${last?.replicas ?? '?'} replica(s) until it opened at ${time(window.opensAt)}: it never scaled to zero${minReplicaCount > 0 ? ` (minReplicaCount ${minReplicaCount}: scaling to zero needs minReplicaCount 0)` : ''}`;
    }
    const up = await watch(window.closesAt.getTime(), (s) => Date.now() >= window.opensAt.getTime() && s.replicas >= 1 && s.available >= 1);
    if (!up) return `inside the window (${time(window.opensAt)}–${time(window.closesAt)}) no replica became available: KEDA did not scale the target up on its cron trigger`;
    if (inside > 1) {
      // The HPA reads the cron metric through the adapter and scales out to the desired replicas.
      const hpaPath = `/apis/autoscaling/v2/namespaces/${this.options.namespace}/horizontalpodautoscalers/keda-hpa-${this.options.scaledObject}`;
      const read = await pollUntil(window.closesAt.getTime() - 2000, async () => {
        const hpa = await client.get(hpaPath).catch(() => undefined);
        const values = ((hpa?.status?.currentMetrics ?? []) as any[]).filter((m) => m.external).map((m) => `${m.external.metric?.name} = ${m.external.current?.averageValue ?? m.external.current?.value}`);
        hpaReadings.push(...values);
        return values.length > 0;
      });
      if (!read) return `inside the window the HPA keda-hpa-${this.options.scaledObject} read no external metric although ${EXTERNAL_METRICS_API} is served`;
      const out = await watch(window.closesAt.getTime(), (s) => s.replicas >= inside && s.available >= inside);
      if (!out) return `inside the window the target did not reach ${inside} available replicas: the HPA did not scale beyond the first replica on the cron metric`;
    }
    const after = await watch(window.closesAt.getTime() + (cooldown + 30) * 1000, (s) => Date.now() >= window.closesAt.getTime() && s.replicas === 0);
    if (!after) return `after the window closed at ${time(window.closesAt)} the target did not return to zero within its cooldown (${cooldown} s) and 30 s`;
    return undefined;
  }
}

/** Whether an Available APIService serves the external metrics API (KEDA's metrics adapter). */
async function externalMetricsServed(client: KubeClient): Promise<boolean> {
  const svc = await client.get('/apis/apiregistration.k8s.io/v1/apiservices/v1beta1.external.metrics.k8s.io').catch(() => undefined);
  return (svc?.status?.conditions ?? []).some((c: any) => c.type === 'Available' && c.status === 'True');
}

/** Calls `check` every second until it holds (true) or `until` passes (false). */
async function pollUntil(until: number, check: () => Promise<boolean>): Promise<boolean> {
  for (;;) {
    if (await check()) return true;
    if (Date.now() >= until) return false;
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** Polls the target every 500 ms until `done` holds (that sample) or `until` passes (undefined). */
async function follow(client: KubeClient, targetPath: string, started: number, samples: Sample[], until: number, done: (s: Sample) => boolean): Promise<Sample | undefined> {
  for (;;) {
    const target = await client.get(targetPath);
    const scale = await client.get(`${targetPath}/scale`).catch(() => undefined);
    const sample = { second: Math.round((Date.now() - started) / 1000), replicas: Number(scale?.spec?.replicas ?? target?.spec?.replicas ?? 0), available: Number(target?.status?.availableReplicas ?? 0) };
    const last = samples[samples.length - 1];
    if (!last || last.replicas !== sample.replicas || last.available !== sample.available) samples.push(sample);
    if (done(sample)) return sample;
    if (Date.now() >= until) return undefined;
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** `1 (1 available) at 0 s → 0 at 7 s → …` */
function timeline(samples: readonly Sample[]): string {
  return samples.map((s) => `${s.replicas}${s.replicas > 0 || s.available > 0 ? ` (${s.available} available)` : ''} at ${s.second} s`).join(' → ');
}

function time(d: Date): string {
  return d.toISOString().slice(11, 19);
}

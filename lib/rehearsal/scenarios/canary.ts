import { CANARY_METRICS } from '../../workloads/canary-analysis';
import { FakePrometheus, type PrometheusAnswer } from '../fake-prometheus';
import { messageOf, type KubeClient } from '../kube-client';
import { formatEvent, markEventsSeen, newEvents } from '../local-controllers/controller-events';
import type { LocalControllerContext, Scenario, ScenarioResult } from '../local-controllers/local-controller';
import { collapseRepeats, formatWalk, largestFailureLimit, metricsForRehearsal, walkProblem, weightWalkOf, withShortPauses } from './canary-steps';

export interface CanaryScenarioOptions {
  readonly namespace: string;
  /** The Rollout whose image the scenario changes. */
  readonly rollout: string;
  /** The environment's canary weights; full traffic (100) follows the last. */
  readonly weights: readonly number[];
  /** Canary requests per analysis interval the analysis needs (0: any data). */
  readonly minRequests: number;
  /** Whether the environment analyses its canaries; without, only the walk is exercised. */
  readonly analysis: boolean;
  /** Measurement interval of the analysis in the rehearsal. @default 1 (second) */
  readonly analysisIntervalSeconds?: number;
}

/** Metric values of one case, by AnalysisTemplate metric name. */
type Answers = Readonly<Record<string, PrometheusAnswer>>;

const KEDA_PAUSED = 'autoscaling.keda.sh/paused';

/**
 * Changes the Rollout's image three times with the platform's AnalysisTemplate answered by a
 * Prometheus stand-in, and asserts what the Argo Rollouts controller does:
 * good metrics — it walks exactly the environment's weights, then promotes (100);
 * bad metrics — the analysis fails, it aborts and traffic returns to the stable ReplicaSet;
 * no data (or fewer canary requests than the environment's minimum) — the analysis is
 * inconclusive and it pauses at the first step for a person.
 * For the rehearsal's clock the live AnalysisTemplate measures every second from the start and the
 * Rollout's timed pauses last a few measurements; a ScaledObject scaling the Rollout is paused
 * meanwhile so replicas stay put. Each change is reported.
 */
export class CanaryScenario implements Scenario {
  readonly name: string;
  readonly controllers = ['argo-rollouts'];
  readonly notExercised = ['the analysis reads values the scenario chooses from a Prometheus stand-in (its queries run as rendered, but no real canary traffic is measured)'];

  constructor(private readonly options: CanaryScenarioOptions) {
    this.name = `canary ${options.namespace}/${options.rollout}`;
  }

  async run(ctx: LocalControllerContext): Promise<ScenarioResult[]> {
    const { client } = ctx;
    const { namespace, rollout: name } = this.options;
    const rolloutPath = `/apis/argoproj.io/v1alpha1/namespaces/${namespace}/rollouts/${name}`;
    const setup: string[] = [];
    const results: ScenarioResult[] = [];
    const rollout = await client.get(rolloutPath);
    if (!rollout) return [{ name: this.name, passed: false, details: [`Rollout ${namespace}/${name} does not exist`], events: [] }];
    const expected = [...this.options.weights, 100];
    const rendered = weightWalkOf(rollout);
    setup.push(`rendered steps ${formatWalk(rendered)}; the environment's canary ${formatWalk(expected)}`);

    const prometheus = await FakePrometheus.start(() => 'no data');
    const interval = this.options.analysisIntervalSeconds ?? 1;
    const byQuery = new Map<string, string>();
    let pauseSeconds = 5;
    const scaledObjects: string[] = [];
    try {
      // The AnalysisTemplates, pointed at the stand-in and measured every `interval` seconds.
      for (const ref of (rollout.spec?.strategy?.canary?.analysis?.templates ?? []) as { templateName?: string; clusterScope?: boolean }[]) {
        if (!ref.templateName || ref.clusterScope) continue;
        const path = `/apis/argoproj.io/v1alpha1/namespaces/${namespace}/analysistemplates/${ref.templateName}`;
        const template = await client.get(path);
        if (!template) return [{ name: this.name, passed: false, details: [...setup, `AnalysisTemplate ${namespace}/${ref.templateName} does not exist`], events: [] }];
        const metrics = metricsForRehearsal(template, prometheus.url, `${interval}s`);
        for (const m of metrics) byQuery.set(m.provider.prometheus!.query, m.name);
        // Enough measurements within one pause for the analysis to fail before the next step.
        pauseSeconds = Math.max(pauseSeconds, (largestFailureLimit(metrics) + 3) * interval);
        await client.mergePatch(path, { spec: { metrics } });
        const original = (template.spec.metrics as any[]).map((m) => `${m.name} every ${m.interval ?? '?'} after ${m.initialDelay ?? '0s'}`).join(', ');
        setup.push(`AnalysisTemplate ${namespace}/${ref.templateName}: Prometheus address ${[...new Set((template.spec.metrics as any[]).map((m) => m.provider?.prometheus?.address))].join(', ')} → ${prometheus.url} (the rehearsal's stand-in); ${original} → every ${interval}s from the start; queries and conditions as rendered`);
      }
      const steps = withShortPauses(rollout, `${pauseSeconds}s`);
      const pauses = [...new Set((rollout.spec.strategy.canary.steps as any[]).filter((s) => s.pause).map((s) => String(s.pause.duration)))];
      await client.mergePatch(rolloutPath, { spec: { strategy: { canary: { steps } } } });
      setup.push(`Rollout ${namespace}/${name}: pauses ${pauses.join(', ')} → ${pauseSeconds}s (the rehearsal's clock)`);
      for (const so of await client.list(`/apis/keda.sh/v1alpha1/namespaces/${namespace}/scaledobjects`).catch(() => [])) {
        if (so.spec?.scaleTargetRef?.kind !== 'Rollout' || so.spec?.scaleTargetRef?.name !== name) continue;
        await client.mergePatch(`/apis/keda.sh/v1alpha1/namespaces/${namespace}/scaledobjects/${so.metadata.name}`, { metadata: { annotations: { [KEDA_PAUSED]: 'true' } } });
        scaledObjects.push(so.metadata.name);
        setup.push(`ScaledObject ${namespace}/${so.metadata.name} paused (${KEDA_PAUSED}) so replicas stay put during the canary`);
      }
      await waitForRollout(client, rolloutPath, 60_000, (r) => r.status?.phase === 'Healthy' && String(r.status?.observedGeneration) === String(r.metadata.generation));
      results.push({ name: `${this.name}: set-up for the rehearsal`, passed: true, details: setup, events: [] });

      const volume = Math.max(this.options.minRequests * 2, 100);
      const good: Answers = { [CANARY_METRICS.successRate]: 0.998, [CANARY_METRICS.latencyP99]: 0.12, [CANARY_METRICS.requestVolume]: volume };
      const bad: Answers = { ...good, [CANARY_METRICS.successRate]: 0.62 };
      const noData: Answers = this.options.minRequests > 0
        ? { [CANARY_METRICS.successRate]: 'no data', [CANARY_METRICS.latencyP99]: 'no data', [CANARY_METRICS.requestVolume]: this.options.minRequests - 1 }
        : { [CANARY_METRICS.successRate]: 'no data', [CANARY_METRICS.latencyP99]: 'no data', [CANARY_METRICS.requestVolume]: 'no data' };
      const answer = (values: Answers) => prometheus.answer((query) => {
        const metric = byQuery.get(query);
        return metric === undefined ? undefined : values[metric];
      });
      const describe = (values: Answers) => Object.entries(values).filter(([m]) => [...byQuery.values()].includes(m)).map(([m, v]) => `${m} ${v}`).join(', ');
      const stepTimeout = 60_000 + rendered.length * (pauseSeconds * 1000 + 20_000);

      answer(good);
      results.push(await this.runCase(ctx, rolloutPath, 'good metrics promote', `good metrics (${describe(good)})`, 1, stepTimeout, (o) => {
        if (o.outcome !== 'promoted') return `expected promotion, got ${o.outcome}${o.message ? ` (${o.message})` : ''}`;
        return walkProblem(o.walk, expected);
      }));
      if (!this.options.analysis) return results;
      answer(bad);
      results.push(await this.runCase(ctx, rolloutPath, 'bad metrics abort and roll back', `bad metrics (${describe(bad)})`, 2, stepTimeout, (o) => {
        if (o.outcome !== 'aborted') return `expected an abort, got ${o.outcome}${o.message ? ` (${o.message})` : ''}`;
        if (o.walk.includes(100)) return `the canary reached 100 before the abort: ${formatWalk(o.walk)}`;
        if (!o.rolledBack) return `aborted, but traffic did not return to the stable ReplicaSet: ${o.message}`;
        return undefined;
      }));
      answer(noData);
      const noDataLabel = this.options.minRequests > 0 ? `fewer than ${this.options.minRequests} canary requests per interval pause` : 'no data pauses';
      results.push(await this.runCase(ctx, rolloutPath, noDataLabel, `${this.options.minRequests > 0 ? 'too little traffic' : 'no data'} (${describe(noData)})`, 3, stepTimeout, (o) => {
        if (o.outcome !== 'paused (inconclusive)') return `expected a pause for an inconclusive analysis, got ${o.outcome}${o.message ? ` (${o.message})` : ''}`;
        if (o.walk.length !== 1 || o.walk[0] !== expected[0]) return `expected to hold at the first step ${expected[0]}, walked ${formatWalk(o.walk)}`;
        return undefined;
      }));
      const unexpected = prometheus.received.filter((q) => q.answer === 'not expected');
      if (unexpected.length > 0) results.push({ name: `${this.name}: queries`, passed: false, details: [...new Set(unexpected.map((q) => q.query))].map((q) => `query not in the AnalysisTemplate: ${q}`), events: [] });
      return results;
    } catch (error) {
      return [...results, { name: this.name, passed: false, details: [...(results.length === 0 ? setup : []), `stopped: ${error instanceof Error ? error.message : String(error)}`], events: [] }];
    } finally {
      await prometheus.stop();
      for (const so of scaledObjects) {
        await client.mergePatch(`/apis/keda.sh/v1alpha1/namespaces/${namespace}/scaledobjects/${so}`, { metadata: { annotations: { [KEDA_PAUSED]: null } } }).catch(() => undefined);
      }
    }
  }

  /** Changes the image, follows the Rollout until it promotes, aborts or pauses, and judges it. */
  private async runCase(ctx: LocalControllerContext, rolloutPath: string, title: string, metrics: string, revision: number, timeoutMs: number, judge: (o: CaseOutcome) => string | undefined): Promise<ScenarioResult> {
    const { client } = ctx;
    const { namespace, rollout: name } = this.options;
    const seen = new Set<string>();
    await markEventsSeen(client, namespace, seen);
    const before = await client.get(rolloutPath);
    const container = before.spec.template.spec.containers[0];
    const image = `${String(container.image).replace(/-rehearsal\.\d+$/, '')}-rehearsal.${revision}`;
    const stableBefore = before.status?.stableRS;
    // The revision this case makes is neither the stable one nor the previous case's (an aborted canary).
    const earlier = new Set([stableBefore, before.status?.currentPodHash]);
    const started = Date.now();
    const patched = await client.call('PATCH', rolloutPath, [{ op: 'replace', path: '/spec/template/spec/containers/0/image', value: image }], 'application/json-patch+json');
    if (patched.status >= 300) {
      return { name: `${this.name}: ${title}`, passed: false, details: [`image → ${image}: the API server refused the change (${patched.status}): ${messageOf(patched.body)}`], events: [] };
    }
    const generation = String(patched.body?.metadata?.generation ?? '');
    const weights: number[] = [];
    let outcome: CaseOutcome = { outcome: 'timed out', walk: [], rolledBack: false, message: '' };
    let newHash: string | undefined;
    let poked = false;
    const notes: string[] = [];
    for (;;) {
      const r = await client.get(rolloutPath);
      const s = r.status ?? {};
      if (!poked && Date.now() - started > UNOBSERVED_MS && String(s.observedGeneration ?? '') !== generation) {
        // A controller that missed the watch event picks the Rollout up again on its next event
        // (on a real cluster, at the informer's periodic resync); a dead one is a failure of its own.
        poked = true;
        const dead = ctx.processes.exited();
        if (dead.length > 0) {
          outcome = { outcome: 'timed out', walk: [], rolledBack: false, message: `a controller process exited: ${dead.join('; ')}` };
          break;
        }
        notes.push(`Argo Rollouts had not observed generation ${generation} after ${UNOBSERVED_MS / 1000} s (status.observedGeneration ${s.observedGeneration}): annotated the Rollout to requeue it`);
        await client.mergePatch(rolloutPath, { metadata: { annotations: { 'rehearsal.eks-platform/requeue': String(Date.now()) } } });
      }
      if (s.currentPodHash && !earlier.has(s.currentPodHash)) newHash = s.currentPodHash;
      // With traffic routing the controller reports the weight it set; without, the completed steps say it.
      const canary = s.canary?.weights?.canary ?? (newHash ? { podTemplateHash: newHash, weight: weightOfCompletedSteps(r) } : undefined);
      if (newHash && canary?.podTemplateHash === newHash && canary.weight > 0) weights.push(canary.weight);
      const pausedInconclusive = (s.pauseConditions ?? []).some((p: any) => p.reason === 'InconclusiveAnalysisRun' || p.reason === 'InconclusiveAnalysis');
      const walk = () => collapseRepeats(weights);
      if (newHash && s.stableRS === newHash && s.phase === 'Healthy') {
        // Full traffic: the canary ReplicaSet became the stable one (the last weight may show as 100 first).
        outcome = { outcome: 'promoted', walk: collapseRepeats([...weights, 100]), rolledBack: false, message: `stable ReplicaSet ${name}-${newHash}` };
        break;
      }
      if (!newHash) {
        // Not yet seen by the controller: status still describes the previous revision.
      } else if (s.abort) {
        // Rolled back: traffic (weight) back on the stable ReplicaSet, which is still the previous one.
        const rolledBack = s.stableRS === stableBefore && (canary?.weight ?? 0) === 0;
        if (rolledBack || Date.now() - started > timeoutMs) {
          outcome = { outcome: 'aborted', walk: walk(), rolledBack, message: `${s.message ?? ''}; stable ReplicaSet ${name}-${s.stableRS}, canary weight ${canary?.weight ?? 0}` };
          break;
        }
      }
      if (newHash && pausedInconclusive) {
        outcome = { outcome: 'paused (inconclusive)', walk: walk(), rolledBack: false, message: s.message ?? '' };
        break;
      }
      if (Date.now() - started > timeoutMs) {
        outcome = { outcome: 'timed out', walk: walk(), rolledBack: false, message: `phase ${s.phase}, step ${s.currentStepIndex}, observedGeneration ${s.observedGeneration} of ${generation}, ${s.message ?? ''}${ctx.processes.exited().length > 0 ? `; ${ctx.processes.exited().join('; ')}` : ''}` };
        break;
      }
      await new Promise((res) => setTimeout(res, 250));
    }
    const runs = (await client.list(`/apis/argoproj.io/v1alpha1/namespaces/${namespace}/analysisruns`))
      .filter((a) => (a.metadata.ownerReferences ?? []).some((o: any) => o.kind === 'Rollout' && o.name === name) && Date.parse(a.metadata.creationTimestamp) >= started - 1000);
    const events = (await newEvents(client, namespace, (o) => (o.kind === 'Rollout' && o.name === name) || (o.kind === 'AnalysisRun' && runs.some((a) => a.metadata.name === o.name)), seen)).map(formatEvent);
    const problem = judge(outcome);
    const details = [
      `image → ${image}; ${metrics}`,
      `observed ${formatWalk(outcome.walk)}: ${outcome.outcome} after ${((Date.now() - started) / 1000).toFixed(0)} s${outcome.message ? ` (${outcome.message})` : ''}`,
      ...notes,
      ...runs.map((a) => `AnalysisRun ${a.metadata.name}: ${a.status?.phase ?? 'no status'}${(a.status?.metricResults ?? []).map((m: any) => `; ${m.name} ${m.phase} (${m.successful ?? 0} successful, ${m.failed ?? 0} failed, ${m.inconclusive ?? 0} inconclusive)`).join('')}`),
      ...(problem ? [problem] : []),
    ];
    return { name: `${this.name}: ${title}`, passed: problem === undefined, details, events };
  }
}

interface CaseOutcome {
  readonly outcome: 'promoted' | 'aborted' | 'paused (inconclusive)' | 'timed out';
  /** Canary weights observed in order (100 once promoted). */
  readonly walk: readonly number[];
  readonly rolledBack: boolean;
  readonly message: string;
}

/** How long the controller may take to observe an image change before the Rollout is requeued. */
const UNOBSERVED_MS = 20_000;

/** The last `setWeight` among the steps before `status.currentStepIndex` (0 when none). */
function weightOfCompletedSteps(rollout: any): number {
  const steps = (rollout.spec?.strategy?.canary?.steps ?? []) as { setWeight?: number }[];
  const done = steps.slice(0, Number(rollout.status?.currentStepIndex ?? 0)).filter((st) => st.setWeight !== undefined);
  return done.length > 0 ? Number(done[done.length - 1].setWeight) : 0;
}

async function waitForRollout(client: KubeClient, path: string, timeoutMs: number, ready: (r: any) => boolean): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const r = await client.get(path);
    if (r && ready(r)) return;
    if (Date.now() > until) throw new Error(`${path}: not ready after ${timeoutMs / 1000} s (phase ${r?.status?.phase}, ${r?.status?.message ?? ''})`);
    await new Promise((res) => setTimeout(res, 250));
  }
}

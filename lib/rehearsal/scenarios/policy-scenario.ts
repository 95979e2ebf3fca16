import { workloadKindOf } from '../../governance/workload-kinds';
import type { PlanEntry, SyncPlan } from '../../plan/sync-plan';
import { ApiResources } from '../api-resources';
import { messageOf } from '../kube-client';
import { kyvernoAdmissionDeployment } from '../local-controllers/kyverno';
import type { LocalControllerContext, Scenario, ScenarioResult } from '../local-controllers/local-controller';
import { BAD_EXAMPLES, badExampleOf, workloadFrom, type Workload } from './policy-bad-examples';
import { exceptionCoverage, scenarioException, utcMidnight } from './policy-exception-check';
import { admissionReportResults, isKyvernoDenial, kyvernoEvents, plannedPolicies, policiesNamedIn, poll, send, type PlannedPolicy } from './policy-live';

/** What an environment promises about its policies (the fields of its configuration that say so). */
export interface PolicyPromise {
  readonly tier: string;
  readonly governance: {
    readonly validationAction: string;
    readonly policyActions: Readonly<Record<string, string>>;
  };
}

/**
 * The action the live cluster must take on a violation of `policy`: outside dev every policy
 * denies, whatever the configuration says (a policy switched to Audit there is a fault); dev does
 * what its configuration says (Audit by default).
 */
export function expectedActionOf(promise: PolicyPromise, policy: string): 'Deny' | 'Audit' {
  if (promise.tier !== 'dev') return 'Deny';
  return (promise.governance.policyActions[policy] ?? promise.governance.validationAction) === 'Deny' ? 'Deny' : 'Audit';
}

const DEPLOYMENTS = (ns: string) => `/apis/apps/v1/namespaces/${ns}/deployments`;
/** Longest wait for Kyverno to take up a policy or exception change. */
const SETTLE_MS = 60_000;

/**
 * Policies on the live cluster, with Kyverno's admission controller running: every platform
 * policy's bad example is denied where the environment enforces (or admitted and audited in dev,
 * with Kyverno's admission report and event as evidence), every rendered workload is admitted, and
 * an exception exempts exactly its workload until it expires.
 */
export function policyScenario(promise: PolicyPromise): Scenario {
  return {
    name: 'policies',
    controllers: ['kyverno'],
    notExercised: [
      'PolicyReports: Kyverno\'s reports controller is not run; audit evidence is the admission controller\'s own EphemeralReport and PolicyViolation event',
      'background scans of existing resources (background and reports controllers not run)',
      'an exception expiring while nothing changes: Kyverno drops an expired exception when it recompiles the policy (the policy or an exception changes, or Kyverno restarts), not at the expiry instant; exercised: an exception whose expiresAt is moved into the past',
      'configured exceptions (governance.exceptions) are checked only where an environment has one; the scenario always applies its own, rendered by the platform\'s PolicyException construct',
    ],
    run: (ctx) => runPolicyScenario(ctx, promise),
  };
}

async function runPolicyScenario(ctx: LocalControllerContext, promise: PolicyPromise): Promise<ScenarioResult[]> {
  const policies = plannedPolicies(ctx.plan);
  if (policies.length === 0) return [{ name: 'policies: the platform ships policies', passed: false, details: [`${ctx.env}: the sync plan has no ValidatingPolicy`], events: [] }];
  const results: ScenarioResult[] = [];
  const ready = await waitForPolicies(ctx, policies);
  results.push(ready);
  if (!ready.passed) return results;

  const governed = [...new Set(policies.flatMap((p) => p.namespaces))];
  const base = baseWorkload(ctx.plan, governed);
  if (!base) return [...results, { name: 'policies: a compliant platform workload to break', passed: false, details: [`${ctx.env}: no Rollout or Deployment with a pod template in ${governed.join(', ')} to build the bad examples from`], events: [] }];
  const namespace = base.namespace!;
  const build = (name: string) => workloadFrom(base.object as any, namespace, name);

  results.push(await compliantBaseline(ctx, build('policy-check-baseline'), base.label));
  results.push(await admissionLatency(ctx, build('policy-check-latency')));
  for (const policy of policies) results.push(await badExampleResult(ctx, promise, policy, build));
  results.push(await platformWorkloadsAdmitted(ctx, governed));
  results.push(...await exceptionResults(ctx, promise, policies, build));
  return results;
}

/** Waits until Kyverno reports every policy ready (compiled, webhook configured). */
async function waitForPolicies(ctx: LocalControllerContext, policies: readonly PlannedPolicy[]): Promise<ScenarioResult> {
  const started = Date.now();
  let pending: string[] = [];
  const done = await poll(SETTLE_MS * 2, 1000, async () => {
    pending = [];
    for (const p of policies) {
      const live = await ctx.client.get(`/apis/policies.kyverno.io/v1/validatingpolicies/${p.name}`).catch(() => undefined);
      const status = live?.status?.conditionStatus;
      if (status?.ready !== true) pending.push(`${p.name}: ${live ? (status?.conditions ?? []).map((c: any) => `${c.type}=${c.status}${c.message ? ` (${c.message})` : ''}`).join(', ') || 'no status yet' : 'not found'}`);
    }
    return pending.length === 0 ? true : undefined;
  });
  const name = `policies: Kyverno serves all ${policies.length} policies`;
  if (!done) return { name, passed: false, details: [`${ctx.env}: not ready after ${Math.round((Date.now() - started) / 1000)} s:`, ...pending], events: [] };
  return { name, passed: true, details: [`ready after ${((Date.now() - started) / 1000).toFixed(1)} s: ${policies.map((p) => `${p.name} (${p.actions.join(',')})`).join(', ')}`], events: [] };
}

/** The workload the bad examples are built from: a Rollout (else a Deployment) of a governed namespace. */
function baseWorkload(plan: SyncPlan, governed: readonly string[]): PlanEntry | undefined {
  const candidates = plan.entries.filter((e) => e.namespace && governed.includes(e.namespace) && (e.object.kind === 'Rollout' || e.object.kind === 'Deployment') && (e.object as any).spec?.template?.spec?.containers?.length > 0);
  return candidates.find((e) => e.object.kind === 'Rollout') ?? candidates[0];
}

/** The unbroken copy must pass every policy, or a denial of a bad example proves nothing. */
async function compliantBaseline(ctx: LocalControllerContext, w: Workload, source: string): Promise<ScenarioResult> {
  const res = await send(ctx.client, DEPLOYMENTS(w.metadata.namespace), w, true);
  const named = policiesNamedIn([messageOf(res.body), ...res.warnings].join('\n'));
  const passed = res.status < 300 && named.length === 0;
  return {
    name: 'policies: the compliant workload the bad examples start from is admitted',
    passed,
    details: [
      `${w.kind} ${w.metadata.namespace}/${w.metadata.name} with the pod template of ${source}: ${res.status < 300 ? 'admitted' : `rejected (${res.status}): ${messageOf(res.body)}`}`,
      ...(named.length > 0 ? [`${ctx.env}: Kyverno names ${named.join(', ')} for the unbroken workload; the bad examples would not be denied for their own defect`] : []),
    ],
    events: [],
  };
}

/**
 * What the webhook adds to a request: the median of server-side dry-run creates of the compliant
 * workload in its governed namespace (through Kyverno) against the same in Kyverno's own
 * namespace, which its webhooks skip. Informational: it passes unless a request fails.
 */
async function admissionLatency(ctx: LocalControllerContext, w: Workload, rounds = 15): Promise<ScenarioResult> {
  const deployment = kyvernoAdmissionDeployment(ctx.plan);
  const skipped = deployment?.namespace ?? 'kyverno';
  const median = async (namespace: string): Promise<number | string> => {
    const times: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const started = process.hrtime.bigint();
      const res = await send(ctx.client, DEPLOYMENTS(namespace), { ...w, metadata: { ...w.metadata, namespace } }, true);
      if (res.status >= 300) return `${res.status} ${messageOf(res.body)}`;
      times.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
  };
  const through = await median(w.metadata.namespace);
  const without = await median(skipped);
  const ok = typeof through === 'number' && typeof without === 'number';
  return {
    name: 'policies: admission latency through Kyverno\'s webhook',
    passed: ok,
    details: ok
      ? [`median of ${rounds} dry-run creates of the compliant workload: ${through.toFixed(1)} ms in ${w.metadata.namespace} (through the webhook), ${without.toFixed(1)} ms in ${skipped} (webhooks skip it): +${(through - without).toFixed(1)} ms`]
      : [`${ctx.env}: a dry-run create failed: ${typeof through === 'string' ? through : without}`],
    events: [],
  };
}

async function badExampleResult(ctx: LocalControllerContext, promise: PolicyPromise, policy: PlannedPolicy, build: (name: string) => Workload): Promise<ScenarioResult> {
  const example = badExampleOf(policy.name);
  const expected = expectedActionOf(promise, policy.name);
  if (!example) {
    return { name: `policies: ${policy.name} has a bad example`, passed: false, details: [`${ctx.env}: no bad example for policy ${policy.name}: add one to BAD_EXAMPLES (lib/rehearsal/scenarios/policy-bad-examples.ts)`], events: [] };
  }
  const w = build(`policy-check-${policy.name}`.slice(0, 63).replace(/-+$/, ''));
  example.apply(w);
  const ns = w.metadata.namespace;
  const res = await send(ctx.client, DEPLOYMENTS(ns), w, false);
  const message = messageOf(res.body);
  const details = [`${w.kind} ${ns}/${w.metadata.name}: ${example.defect}; the environment promises ${expected === 'Deny' ? 'a denial' : 'an audit'}; live policy validationActions: ${policy.actions.join(', ')}`];
  const label = `policies: ${policy.name} ${expected === 'Deny' ? 'denies' : 'audits'} ${example.defect}`;
  if (expected === 'Deny') {
    if (res.status < 300) {
      await ctx.client.call('DELETE', `${DEPLOYMENTS(ns)}/${w.metadata.name}`);
      const events = await kyvernoEvents(ctx.client, [ns], w.metadata.name);
      return { name: label, passed: false, details: [...details, `${ctx.env}: ${policy.name} admitted ${example.defect}: the live cluster only ${policy.actions.includes('Audit') ? 'audits' : 'warns about'} it (validationActions ${policy.actions.join(', ')}), but ${ctx.env} must deny every policy${res.warnings.length ? `; warnings: ${res.warnings.join('; ')}` : ''}`], events };
    }
    const named = policiesNamedIn(message);
    const events = await poll(5000, 500, async () => {
      const found = await kyvernoEvents(ctx.client, [ns], w.metadata.name);
      return found.length > 0 ? found : undefined;
    }) ?? [];
    const rightReason = isKyvernoDenial(res) && named.includes(policy.name) && named.length === 1;
    return {
      name: label,
      passed: rightReason,
      details: [
        ...details,
        `denied (${res.status}): ${message}`,
        ...(rightReason ? [] : [`${ctx.env}: the denial should come from Kyverno and name ${policy.name} alone; it names ${named.length ? named.join(', ') : 'no Kyverno policy'}`]),
      ],
      events,
    };
  }
  // Audit: admitted, with Kyverno's admission report and event as the evidence.
  if (res.status >= 300) {
    return { name: label, passed: false, details: [...details, `${ctx.env}: denied although ${ctx.env} only audits ${policy.name}: ${message}`], events: [] };
  }
  const uid = res.body?.metadata?.uid;
  const evidence = await poll(20_000, 1000, async () => {
    const results = (await admissionReportResults(ctx.client, ns, uid)).filter((r) => r.policy === policy.name && r.result === 'fail');
    const events = (await kyvernoEvents(ctx.client, [ns], w.metadata.name)).filter((e) => e.includes(policy.name));
    return results.length > 0 || events.length > 0 ? { results, events } : undefined;
  });
  await ctx.client.call('DELETE', `${DEPLOYMENTS(ns)}/${w.metadata.name}`);
  if (!evidence) {
    return { name: label, passed: false, details: [...details, 'admitted', `${ctx.env}: no audit evidence for ${policy.name} after 20 s: neither an admission report result nor a PolicyViolation event`], events: await kyvernoEvents(ctx.client, [ns], w.metadata.name) };
  }
  return {
    name: label,
    passed: true,
    details: [
      ...details,
      `admitted${res.warnings.length ? `, warnings: ${res.warnings.join('; ')}` : ''}`,
      ...evidence.results.map((r) => `admission report: ${r.policy} ${r.result}: ${r.message}`),
    ],
    events: evidence.events,
  };
}

/**
 * Server-side dry-run apply of every rendered workload (ours and the releases'), as Argo CD
 * applies it, with the policies active; any denial fails.
 */
async function platformWorkloadsAdmitted(ctx: LocalControllerContext, governed: readonly string[]): Promise<ScenarioResult> {
  const api = new ApiResources(ctx.client);
  await api.refresh();
  const denied: string[] = [];
  const warned: string[] = [];
  let checked = 0;
  let inGoverned = 0;
  for (const entry of ctx.plan.entries) {
    if (!workloadKindOf(entry.object)) continue;
    const object = JSON.parse(JSON.stringify(entry.object));
    if (entry.namespace && entry.namespaced !== false) object.metadata.namespace = entry.namespace;
    const path = api.pathOfObject(object, entry.namespace);
    if (!path) { denied.push(`${entry.label} (${entry.application.name}): ${object.apiVersion} ${object.kind} is not served`); continue; }
    const res = await ctx.client.call('PATCH', `${path}?fieldManager=argocd-controller&force=true&dryRun=All`, object, 'application/apply-patch+yaml');
    checked++;
    if (entry.namespace && governed.includes(entry.namespace)) inGoverned++;
    if (res.status >= 300) denied.push(`${entry.label} (${entry.application.name}): ${messageOf(res.body)}`);
    const named = policiesNamedIn(res.warnings.join('\n'));
    if (named.length > 0) warned.push(`${entry.label}: ${res.warnings.join('; ')}`);
  }
  return {
    name: 'policies: every rendered workload is admitted',
    passed: denied.length === 0,
    details: [
      `${checked} workloads dry-run applied (server-side, dryRun=All): ${inGoverned} in the governed namespaces ${governed.join(', ')} (evaluated by the policies), ${checked - inGoverned} elsewhere (outside the policies' namespaces)`,
      ...denied.map((d) => `denied: ${d}`),
      ...warned.map((w) => `warning: ${w}`),
    ],
    events: [],
  };
}

/**
 * Exceptions: each configured exception admits its workload's bad example; a rehearsal exception
 * (rendered by the platform's construct) exempts exactly its workload, and no longer once its
 * `expiresAt` is in the past.
 */
async function exceptionResults(ctx: LocalControllerContext, promise: PolicyPromise, policies: readonly PlannedPolicy[], build: (name: string) => Workload): Promise<ScenarioResult[]> {
  // Policies that deny here and live (one that only audits is reported by its bad example already).
  const denying = policies.filter((p) => expectedActionOf(promise, p.name) === 'Deny' && p.actions.includes('Deny') && badExampleOf(p.name));
  if (denying.length === 0) {
    return [{ name: 'policies: exceptions', passed: true, details: [`${ctx.env} only audits: an exception changes no admission decision here, so none is exercised`], events: [] }];
  }
  const results: ScenarioResult[] = [];
  const badAs = (policy: string, name: string, namespace?: string) => {
    const w = build(name);
    if (namespace) w.metadata.namespace = namespace;
    badExampleOf(policy)!.apply(w);
    return w;
  };
  const tryAdmit = (w: Workload) => send(ctx.client, DEPLOYMENTS(w.metadata.namespace), w, true);

  // Configured exceptions, as rendered.
  for (const entry of ctx.plan.entries.filter((e) => e.object.kind === 'PolicyException' && e.object.apiVersion.startsWith('policies.kyverno.io/'))) {
    const cover = exceptionCoverage(entry.object);
    const details: string[] = [];
    let passed = true;
    for (const policy of cover.policies.filter((p) => denying.some((d) => d.name === p))) {
      for (const workload of cover.workloads) {
        const res = await tryAdmit(badAs(policy, workload, cover.namespace));
        details.push(`${workload} with ${badExampleOf(policy)!.defect} (${policy}): ${res.status < 300 ? 'admitted' : `denied: ${messageOf(res.body)}`}`);
        if (res.status >= 300) passed = false;
      }
    }
    const expires = (entry.object as any).spec?.expiresAt;
    results.push({ name: `policies: configured exception ${entry.object.metadata?.name} (expires ${expires}) admits its workloads`, passed, details: details.length ? details : ['it names no policy that denies here'], events: [] });
  }

  // A rehearsal exception: exempts its workload only, until it expires.
  const policy = (denying.find((p) => p.name === 'require-run-as-non-root') ?? denying[0]).name;
  const deployment = kyvernoAdmissionDeployment(ctx.plan);
  const args: string[] = (deployment?.object as any)?.spec?.template?.spec?.containers?.[0]?.args ?? [];
  const exceptionNamespace = args.find((a) => a.startsWith('--exceptionNamespace='))?.split('=')[1] ?? deployment?.namespace ?? 'kyverno';
  const workloadNamespace = build('x').metadata.namespace;
  const exempt = 'policy-exempt';
  const exception = scenarioException({ name: 'rehearsal-exception', namespace: exceptionNamespace, policy, workloadNamespace, workload: exempt, expires: utcMidnight(new Date(), 1) });
  const path = `/apis/policies.kyverno.io/v1/namespaces/${exceptionNamespace}/policyexceptions/rehearsal-exception`;
  const apply = (object: any) => ctx.client.call('PATCH', `${path}?fieldManager=rehearsal-policies&force=true`, object, 'application/apply-patch+yaml');
  const defect = badExampleOf(policy)!.defect;
  const exemptAdmitted = async () => {
    const res = await tryAdmit(badAs(policy, exempt));
    return { done: res.status < 300, answer: res.status < 300 ? 'admitted' : messageOf(res.body) };
  };
  const exemptDenied = async () => {
    const res = await tryAdmit(badAs(policy, exempt));
    return { done: isKyvernoDenial(res) && policiesNamedIn(messageOf(res.body)).includes(policy), answer: res.status < 300 ? 'admitted' : messageOf(res.body) };
  };
  const first = await takeEffect(exception, apply, exemptAdmitted);
  if (first.error) {
    return [...results, { name: 'policies: an exception exempts its workload', passed: false, details: [`${ctx.env}: applying PolicyException ${exceptionNamespace}/rehearsal-exception: ${first.error}`], events: [] }];
  }
  try {
    const other = await tryAdmit(badAs(policy, 'policy-not-exempt'));
    const otherDenied = isKyvernoDenial(other) && policiesNamedIn(messageOf(other.body)).includes(policy);
    results.push({
      name: `policies: an exception exempts exactly its workload from ${policy} until ${exception.spec.expiresAt}`,
      passed: first.done && otherDenied,
      details: [
        `PolicyException ${exceptionNamespace}/rehearsal-exception (rendered by the platform's PolicyException construct): ${policy} for app.kubernetes.io/name ${exempt} in ${workloadNamespace}, expiresAt ${exception.spec.expiresAt}`,
        first.done ? `${exempt} with ${defect}: admitted ${first.seconds.toFixed(1)} s after the exception was applied${first.touched ? ` (${TOUCH_NOTE})` : ''}` : `${ctx.env}: ${exempt} with ${defect} still denied ${first.seconds.toFixed(0)} s after the exception was applied, also after touching it: the exception is not honoured (${first.answer})`,
        otherDenied ? `policy-not-exempt with the same defect: denied (${policiesNamedIn(messageOf(other.body)).join(', ')})` : `${ctx.env}: policy-not-exempt with the same defect was not denied by ${policy}: the exception reaches beyond its workload (${other.status < 300 ? 'admitted' : messageOf(other.body)})`,
      ],
      events: [],
    });

    const expiredAt = utcMidnight(new Date(), -1).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const second = await takeEffect({ ...exception, spec: { ...exception.spec, expiresAt: expiredAt } }, apply, exemptDenied);
    results.push({
      name: `policies: an expired exception no longer exempts its workload from ${policy}`,
      passed: second.done,
      details: [
        second.error ? `${ctx.env}: setting expiresAt ${expiredAt}: ${second.error}` : `the same exception with expiresAt ${expiredAt} (in the past)`,
        second.done ? `${exempt} with ${defect}: denied ${second.seconds.toFixed(1)} s later${second.touched ? ` (${TOUCH_NOTE})` : ''}: ${second.answer}` : `${ctx.env}: ${exempt} with ${defect} not denied by ${policy} ${second.seconds.toFixed(0)} s after the exception expired, also after touching it (last answer: ${second.answer})`,
      ],
      events: [],
    });
  } finally {
    await ctx.client.call('DELETE', path);
  }
  return results;
}

const TOUCH_NOTE = 'only after the exception was touched: Kyverno had recompiled the policy from a stale exception cache';
/** How long an applied exception gets before it is touched, and after. */
const FIRST_WAIT_MS = 20_000;

/**
 * Applies `object` and polls `verdict` until it holds. Kyverno recompiles a policy when one of its
 * exceptions changes, but reads the exceptions from a second informer cache, which may not have the
 * change yet (kyverno 1.19 cmd/kyverno: the reconciler's exception lister): the policy then keeps
 * the old exception until it is recompiled again. So after FIRST_WAIT_MS the exception is touched
 * (an annotation), which makes Kyverno recompile, and the result says so.
 */
async function takeEffect(object: any, apply: (o: any) => Promise<{ status: number; body: unknown }>, verdict: () => Promise<{ done: boolean; answer: string }>): Promise<{ done: boolean; touched: boolean; seconds: number; answer: string; error?: string }> {
  const started = Date.now();
  let answer = '';
  const wait = async (ms: number) => poll(ms, 1000, async () => {
    const v = await verdict();
    answer = v.answer;
    return v.done ? true : undefined;
  });
  const applied = await apply(object);
  if (applied.status >= 300) return { done: false, touched: false, seconds: 0, answer: '', error: messageOf(applied.body) };
  if (await wait(FIRST_WAIT_MS)) return { done: true, touched: false, seconds: (Date.now() - started) / 1000, answer };
  const touched = { ...object, metadata: { ...object.metadata, annotations: { ...(object.metadata?.annotations ?? {}), 'rehearsal.eks-platform/touched': String(Date.now()) } } };
  const again = await apply(touched);
  if (again.status >= 300) return { done: false, touched: true, seconds: (Date.now() - started) / 1000, answer, error: messageOf(again.body) };
  const done = Boolean(await wait(SETTLE_MS - FIRST_WAIT_MS));
  return { done, touched: true, seconds: (Date.now() - started) / 1000, answer };
}

/** Policies with a bad example, for reports. */
export const POLICIES_WITH_BAD_EXAMPLES: readonly string[] = BAD_EXAMPLES.map((b) => b.policy);

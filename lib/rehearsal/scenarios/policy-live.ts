import type { KubeClient, KubeResponse } from '../kube-client';
import { messageOf } from '../kube-client';
import type { SyncPlan } from '../../plan/sync-plan';

/** A ValidatingPolicy of the sync plan: what it does and where. */
export interface PlannedPolicy {
  readonly name: string;
  readonly actions: readonly string[];
  readonly namespaces: readonly string[];
}

/** The platform's ValidatingPolicies as the plan applies them. */
export function plannedPolicies(plan: SyncPlan): PlannedPolicy[] {
  return plan.entries
    .filter((e) => e.object.kind === 'ValidatingPolicy' && e.object.apiVersion.startsWith('policies.kyverno.io/'))
    .map((e) => {
      const spec = (e.object as any).spec ?? {};
      const selector = spec.matchConstraints?.namespaceSelector?.matchExpressions ?? [];
      const namespaces = selector.filter((m: any) => m.key === 'kubernetes.io/metadata.name' && m.operator === 'In').flatMap((m: any) => m.values ?? []);
      return { name: String(e.object.metadata?.name), actions: spec.validationActions ?? [], namespaces };
    });
}

/** Names of the Kyverno policies an admission message or warning names (`Policy <name> failed: …`). */
export function policiesNamedIn(text: string): string[] {
  return [...new Set([...text.matchAll(/Policy ([a-z0-9][-a-z0-9]*) (?:failed|error)/g)].map((m) => m[1]))];
}

/** Whether a rejection came from Kyverno's admission webhook. */
export function isKyvernoDenial(res: KubeResponse): boolean {
  return res.status >= 300 && /admission webhook "[^"]*kyverno[^"]*" denied the request/.test(messageOf(res.body));
}

/** Creates (or, with `dryRun`, only admits) a namespaced object at its collection `path`. */
export function send(client: KubeClient, path: string, object: unknown, dryRun: boolean): Promise<KubeResponse> {
  return client.call('POST', `${path}?fieldManager=rehearsal-policies${dryRun ? '&dryRun=All' : ''}`, object);
}

/**
 * Kyverno's events about `objectName` (a workload it admitted, audited or denied) and about the
 * policies, as `Reason: message` — events on a policy name the resource in their message.
 */
export async function kyvernoEvents(client: KubeClient, namespaces: readonly string[], objectName: string): Promise<string[]> {
  const found = new Set<string>();
  const lists = await Promise.all([...namespaces.map((ns) => `/api/v1/namespaces/${ns}/events`), '/api/v1/events'].map((p) => client.list(p).catch(() => [])));
  for (const ev of lists.flat()) {
    const component = `${ev.source?.component ?? ''} ${ev.reportingComponent ?? ''}`;
    if (!/kyverno/i.test(component)) continue;
    const aboutObject = ev.involvedObject?.name === objectName;
    const aboutPolicy = ev.involvedObject?.kind === 'ValidatingPolicy' && String(ev.message ?? '').includes(objectName);
    if (aboutObject || aboutPolicy) found.add(`${ev.reason}: ${ev.involvedObject?.kind} ${ev.involvedObject?.name}: ${ev.message}`);
  }
  return [...found].sort();
}

/** Results of Kyverno's admission reports (EphemeralReports) for one resource: `policy result message`. */
export async function admissionReportResults(client: KubeClient, namespace: string, uid: string): Promise<{ policy: string; result: string; message: string }[]> {
  const reports = await client.list(`/apis/reports.kyverno.io/v1/namespaces/${namespace}/ephemeralreports?labelSelector=${encodeURIComponent(`audit.kyverno.io/resource.uid=${uid}`)}`).catch(() => []);
  return reports.flatMap((r: any) => (r.spec?.results ?? []).map((x: any) => ({ policy: String(x.policy), result: String(x.result), message: String(x.message ?? '') })));
}

/** Polls `check` every `intervalMs` until it returns a value, or undefined after `timeoutMs`. */
export async function poll<T>(timeoutMs: number, intervalMs: number, check: () => Promise<T | undefined>): Promise<T | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) return undefined;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

import { apiVersionOf, workloadKindOf, WORKLOAD_KINDS } from './workload-kinds';

/** One rendered Kubernetes object and the file it came from. */
export interface RenderedObject {
  readonly file: string;
  readonly object: { readonly apiVersion?: unknown; readonly kind?: unknown; readonly metadata?: { readonly name?: string; readonly namespace?: string; readonly labels?: Record<string, string> }; readonly [key: string]: unknown };
}

/** What a conformance run over one rendered environment checks. */
export interface ConformancePlan {
  readonly policies: readonly RenderedObject[];
  readonly exceptions: readonly RenderedObject[];
  /** Namespaces the rendered policies select (by `kubernetes.io/metadata.name`). */
  readonly governedNamespaces: readonly string[];
  /** Labels of every namespace, as the API server will have them (name label included). */
  readonly namespaceLabels: readonly { readonly name: string; readonly labels: Record<string, string> }[];
  /** Every rendered object that carries a pod template. */
  readonly workloads: readonly RenderedObject[];
  /** Workloads in a governed namespace: each must be evaluated, and pass. */
  readonly governed: readonly RenderedObject[];
  /** Workloads in namespaces the policies do not select. */
  readonly outside: readonly RenderedObject[];
  /** Workloads without `metadata.namespace`: where they land depends on the deployer, so they fail. */
  readonly unnamespaced: readonly RenderedObject[];
}

const POLICY_API = 'policies.kyverno.io/v1';
const NAME_LABEL = 'kubernetes.io/metadata.name';

/** Sorts the rendered objects of one environment into what `kyverno apply` needs. */
export function planConformance(objects: readonly RenderedObject[]): ConformancePlan {
  const policies = objects.filter((o) => o.object.apiVersion === POLICY_API && o.object.kind === 'ValidatingPolicy');
  const exceptions = objects.filter((o) => o.object.apiVersion === POLICY_API && o.object.kind === 'PolicyException');
  const governedNamespaces = [...new Set(policies.flatMap((p) => selectedNamespaces(p.object)))].sort();
  const namespaces = objects.filter((o) => o.object.apiVersion === 'v1' && o.object.kind === 'Namespace');
  const namespaceLabels = namespaces
    .map((n) => ({ name: n.object.metadata!.name!, labels: { ...(n.object.metadata?.labels ?? {}), [NAME_LABEL]: n.object.metadata!.name! } }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const workloads = objects.filter((o) => workloadKindOf(o.object) !== undefined);
  const namespaceOf = (o: RenderedObject) => o.object.metadata?.namespace;
  return {
    policies,
    exceptions,
    governedNamespaces,
    namespaceLabels,
    workloads,
    governed: workloads.filter((w) => governedNamespaces.includes(namespaceOf(w) ?? '')),
    outside: workloads.filter((w) => namespaceOf(w) && !governedNamespaces.includes(namespaceOf(w)!)),
    unnamespaced: workloads.filter((w) => !namespaceOf(w)),
  };
}

/** `In` values of the `kubernetes.io/metadata.name` namespace selector of a rendered policy. */
function selectedNamespaces(policy: RenderedObject['object']): string[] {
  const spec = policy.spec as { matchConstraints?: { namespaceSelector?: { matchExpressions?: { key: string; operator: string; values?: string[] }[] } } } | undefined;
  return (spec?.matchConstraints?.namespaceSelector?.matchExpressions ?? [])
    .filter((e) => e.key === NAME_LABEL && e.operator === 'In')
    .flatMap((e) => e.values ?? []);
}

/**
 * The Kyverno CLI values document: namespace labels, so the policies' namespace selectors match
 * offline as they will in the cluster. Governed namespaces no rendered Namespace declares still
 * get their name label (the API server sets it on every namespace).
 */
export function cliValues(plan: ConformancePlan): Record<string, unknown> {
  const known = new Set(plan.namespaceLabels.map((n) => n.name));
  const missing = plan.governedNamespaces.filter((n) => !known.has(n)).map((name) => ({ name, labels: { [NAME_LABEL]: name } }));
  return { apiVersion: 'cli.kyverno.io/v1alpha1', kind: 'Values', namespaceSelector: [...plan.namespaceLabels, ...missing] };
}

/** One result of the Kyverno CLI policy report (`kyverno apply -p --output-format json`). */
export interface ReportResult {
  readonly policy: string;
  readonly result: string;
  readonly message?: string;
  readonly resources?: readonly { readonly apiVersion?: string; readonly kind?: string; readonly namespace?: string; readonly name?: string }[];
}

export interface PolicyViolation {
  readonly file: string;
  readonly policy: string;
  readonly message: string;
}

const keyOf = (r: { apiVersion?: unknown; kind?: unknown; namespace?: unknown; name?: unknown }) => `${r.apiVersion}/${r.kind}/${r.namespace ?? ''}/${r.name}`;
const objectKey = (o: RenderedObject) =>
  keyOf({ apiVersion: o.object.apiVersion, kind: o.object.kind, namespace: o.object.metadata?.namespace, name: o.object.metadata?.name });

/**
 * Violations in a report: failed, errored or warned results, mapped back to their files; plus a
 * violation for every governed workload the engine did not evaluate at all (a blind spot) and
 * for every workload without a namespace.
 */
export function reportViolations(plan: ConformancePlan, results: readonly ReportResult[]): PolicyViolation[] {
  const files = new Map(plan.workloads.map((w) => [objectKey(w), w.file]));
  const evaluated = new Set<string>();
  const violations: PolicyViolation[] = [];
  for (const r of results) {
    for (const resource of r.resources ?? []) {
      const key = keyOf(resource);
      evaluated.add(key);
      if (['fail', 'error', 'warn'].includes(r.result)) {
        violations.push({ file: files.get(key) ?? key, policy: r.policy, message: `${r.result}: ${r.message ?? ''}`.trim() });
      }
    }
  }
  for (const w of plan.governed) {
    if (!evaluated.has(objectKey(w))) violations.push({ file: w.file, policy: '*', message: 'not evaluated by any policy although its namespace is governed' });
  }
  for (const w of plan.unnamespaced) {
    violations.push({ file: w.file, policy: '*', message: 'has no metadata.namespace: cannot tell whether policies apply' });
  }
  return violations.sort((a, b) => (a.file + a.policy < b.file + b.policy ? -1 : a.file + a.policy > b.file + b.policy ? 1 : 0));
}

/** Name of the deliberately non-compliant workload every conformance run checks first. */
export const CANARY_NAME = 'conformance-canary';

/**
 * A Deployment that breaks every workload policy: if any policy does not report it, the
 * conformance run could not have failed either (wrong namespace labels, policy not loaded...).
 */
export function canaryWorkload(namespace: string): Record<string, unknown> {
  const deployment = WORKLOAD_KINDS.find((k) => k.kind === 'Deployment')!;
  return {
    apiVersion: apiVersionOf(deployment),
    kind: deployment.kind,
    metadata: { name: CANARY_NAME, namespace },
    spec: {
      selector: { matchLabels: { app: CANARY_NAME } },
      template: {
        metadata: { labels: { app: CANARY_NAME } },
        spec: {
          hostNetwork: true,
          securityContext: { runAsUser: 0 },
          tolerations: [{ operator: 'Exists' }],
          volumes: [{ name: 'state', persistentVolumeClaim: { claimName: 'state' } }, { name: 'host', hostPath: { path: '/' } }],
          containers: [
            {
              name: 'canary',
              image: 'docker.io/library/busybox',
              securityContext: { privileged: true, seccompProfile: { type: 'Unconfined' }, capabilities: { add: ['SYS_ADMIN'] } },
              resources: { requests: { memory: '100G' } },
            },
          ],
        },
      },
    },
  };
}

/** Policies of the plan that did not report the canary as failing. */
export function canaryMisses(plan: ConformancePlan, results: readonly ReportResult[]): string[] {
  const fired = new Set(results.filter((r) => r.result === 'fail' && r.resources?.some((x) => x.name === CANARY_NAME)).map((r) => r.policy));
  return plan.policies.map((p) => p.object.metadata!.name!).filter((name) => !fired.has(name)).sort();
}

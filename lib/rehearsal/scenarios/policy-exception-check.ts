import { App, Chart } from 'cdk8s';
import { PolicyException, WorkloadPolicy } from '../../governance';

export interface ScenarioExceptionProps {
  readonly name: string;
  /** Namespace Kyverno accepts exceptions from. */
  readonly namespace: string;
  readonly policy: string;
  readonly workloadNamespace: string;
  readonly workload: string;
  readonly expires: Date;
}

/**
 * A PolicyException exactly as the governance chart renders a configured one (the platform's own
 * `PolicyException` construct: policy reference, namespace and workload-name match conditions,
 * `expiresAt`), for a workload the scenario owns.
 */
export function scenarioException(props: ScenarioExceptionProps): any {
  const chart = new Chart(new App(), 'rehearsal');
  // Only its name is referenced by the exception.
  const policy = new WorkloadPolicy(chart, 'policy', {
    name: props.policy,
    title: props.policy,
    category: 'Rehearsal',
    severity: 'low',
    description: 'referenced by the rehearsal exception',
    namespaces: [props.workloadNamespace],
    validationAction: 'Deny',
    validations: [{ expression: 'true', message: 'unused' }],
  });
  new PolicyException(chart, 'exception', {
    name: props.name,
    namespace: props.namespace,
    policies: [policy],
    workloadNamespace: props.workloadNamespace,
    workloads: [props.workload],
    owner: 'platform@example.com',
    reason: 'rehearsal: proves exceptions exempt only their workload, and only until they expire',
    expires: props.expires,
  });
  const exception = chart.toJson().find((o: any) => o.kind === 'PolicyException');
  if (!exception) throw new Error('the PolicyException construct rendered no PolicyException');
  return exception;
}

/** Namespace and workload names a rendered exception covers (from the construct's match conditions). */
export function exceptionCoverage(exception: any): { namespace?: string; workloads: string[]; policies: string[] } {
  const conditions: { name: string; expression: string }[] = exception?.spec?.matchConditions ?? [];
  const ns = /request\.namespace == '([^']+)'/.exec(conditions.find((c) => c.name === 'workload-namespace')?.expression ?? '')?.[1];
  const names = /in \[([^\]]*)\]/.exec(conditions.find((c) => c.name === 'workload-name')?.expression ?? '')?.[1] ?? '';
  return {
    namespace: ns,
    workloads: [...names.matchAll(/'([^']+)'/g)].map((m) => m[1]),
    policies: (exception?.spec?.policyRefs ?? []).filter((r: any) => r.kind === 'ValidatingPolicy').map((r: any) => String(r.name)),
  };
}

/** Midnight UTC `days` from the day of `now` (the form configured exceptions expire in). */
export function utcMidnight(now: Date, days: number): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + days));
}

import { assertRule, dnsLabelRule } from '../config/checks';
import { Construct } from 'constructs';
import {
  ValidatingPolicy,
  ValidatingPolicySpecFailurePolicy,
  ValidatingPolicySpecValidationActions,
} from '../../imports/kyverno-policies.kyverno.io';
import { WORKLOAD_KINDS, type WorkloadKind } from './workload-kinds';

/** What a violation does: `Audit` records it in policy reports, `Deny` rejects the request. */
export type ValidationAction = 'Audit' | 'Deny';

/** Policy severity, shown in policy reports. */
export type PolicySeverity = 'low' | 'medium' | 'high' | 'critical';

/** One CEL check over a workload. */
export interface PolicyValidation {
  /**
   * CEL expression that must hold. Besides `object` and `request` it can read the variables every
   * workload policy defines: `variables.podMeta`, `variables.podSpec`, `variables.containers`
   * (regular containers) and `variables.allContainers` (init containers too).
   */
  readonly expression: string;
  /** Message when the check fails. */
  readonly message: string;
  /** CEL expression for a more precise message (e.g. naming the offending containers). @default - `message` */
  readonly messageExpression?: string;
}

/** A named CEL value other expressions read as `variables.<name>`. */
export interface PolicyVariable {
  readonly name: string;
  readonly expression: string;
}

/** What every workload policy needs from its caller: where it applies and what a violation does. */
export interface WorkloadPolicyOptions {
  /** Namespaces the policy governs (matched by their `kubernetes.io/metadata.name` label). */
  readonly namespaces: readonly string[];
  /** What a violation does. */
  readonly validationAction: ValidationAction;
  /**
   * What happens when Kyverno cannot evaluate the policy.
   * @default 'Fail' when the action is Deny (fail closed), 'Ignore' when it is Audit
   */
  readonly failurePolicy?: 'Fail' | 'Ignore';
}

export interface WorkloadPolicyProps extends WorkloadPolicyOptions {
  /** Policy name (DNS label); exceptions and reports refer to it. */
  readonly name: string;
  /** Short human title (`policies.kyverno.io/title`). */
  readonly title: string;
  /** Category, e.g. `Pod Security` (`policies.kyverno.io/category`). */
  readonly category: string;
  readonly severity: PolicySeverity;
  /** What the policy enforces and why (`policies.kyverno.io/description`). */
  readonly description: string;
  /** Checks, evaluated in order; the first failing one is reported. */
  readonly validations: readonly PolicyValidation[];
  /** Extra variables the validations read. @default [] */
  readonly variables?: readonly PolicyVariable[];
  /** Kinds whose pod templates are checked. @default WORKLOAD_KINDS (every pod-template kind) */
  readonly kinds?: readonly WorkloadKind[];
  /** Extra CEL conditions a request must meet to be checked at all. @default [] */
  readonly matchConditions?: readonly PolicyVariable[];
}

const ACTIONS: Record<ValidationAction, ValidatingPolicySpecValidationActions> = {
  Audit: ValidatingPolicySpecValidationActions.AUDIT,
  Deny: ValidatingPolicySpecValidationActions.DENY,
};
const FAILURE_POLICIES = { Fail: ValidatingPolicySpecFailurePolicy.FAIL, Ignore: ValidatingPolicySpecFailurePolicy.IGNORE } as const;

/**
 * A Kyverno `policies.kyverno.io/v1` ValidatingPolicy over the pod templates of workloads: Pods,
 * Deployments, StatefulSets, DaemonSets, Jobs, CronJobs and Argo Rollouts, matched explicitly
 * (not through autogen), in the governed namespaces only. Validations read the pod template
 * through shared variables, so one expression covers every kind.
 */
export class WorkloadPolicy extends Construct {
  public readonly name: string;
  public readonly validationAction: ValidationAction;
  public readonly kinds: readonly WorkloadKind[];

  constructor(scope: Construct, id: string, props: WorkloadPolicyProps) {
    super(scope, id);
    const where = `WorkloadPolicy ${props.name}`;
    assertRule(where, 'name', props.name, dnsLabelRule(props.name));
    if (props.namespaces.length === 0) throw new Error(`${where}: namespaces = []: must govern at least one namespace`);
    if (props.validations.length === 0) throw new Error(`${where}: validations = []: must check something`);
    if (!(props.validationAction in ACTIONS)) {
      throw new Error(`${where}: validationAction = ${JSON.stringify(props.validationAction)}: must be Audit or Deny`);
    }
    for (const field of ['title', 'category', 'description'] as const) {
      if (!props[field].trim()) throw new Error(`${where}: ${field} is empty: policy reports show it, write one`);
    }
    const kinds = props.kinds ?? WORKLOAD_KINDS;
    if (kinds.length === 0) throw new Error(`${where}: kinds = []: must match at least one workload kind`);

    this.name = props.name;
    this.validationAction = props.validationAction;
    this.kinds = kinds;
    const failurePolicy = props.failurePolicy ?? (props.validationAction === 'Deny' ? 'Fail' : 'Ignore');
    const matchConditions = [
      // A Rollout may point at a Deployment (workloadRef) instead of carrying a template; that
      // Deployment is checked itself.
      ...(kinds.some((k) => k.kind === 'Rollout')
        ? [{ name: 'has-pod-template', expression: "object.kind != 'Rollout' || has(object.spec.template)" }]
        : []),
      ...(props.matchConditions ?? []),
    ];

    new ValidatingPolicy(this, 'Resource', {
      metadata: {
        name: props.name,
        annotations: {
          'policies.kyverno.io/title': props.title,
          'policies.kyverno.io/category': props.category,
          'policies.kyverno.io/severity': props.severity,
          'policies.kyverno.io/subject': kinds.map((k) => k.kind).join(', '),
          'policies.kyverno.io/description': props.description,
        },
      },
      spec: {
        validationActions: [ACTIONS[props.validationAction]],
        failurePolicy: FAILURE_POLICIES[failurePolicy],
        // Enforced by Kyverno's admission webhook, never as a generated ValidatingAdmissionPolicy:
        // the apiserver has no image() library, would apply exceptions by negating each of their
        // conditions separately (exempting far more than the workload) and would not drop them
        // when they expire (see README, Governance).
        autogen: { validatingAdmissionPolicy: { enabled: false } },
        evaluation: { background: { enabled: true } },
        matchConstraints: {
          namespaceSelector: {
            matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: [...props.namespaces] }],
          },
          resourceRules: resourceRules(kinds),
        },
        matchConditions: matchConditions.length > 0 ? matchConditions : undefined,
        variables: [
          { name: 'podTemplate', expression: podTemplateExpression(kinds) },
          { name: 'podMeta', expression: 'variables.podTemplate.?metadata.orValue({})' },
          { name: 'podSpec', expression: 'variables.podTemplate.spec' },
          { name: 'containers', expression: 'variables.podSpec.containers' },
          { name: 'allContainers', expression: 'variables.podSpec.containers + variables.podSpec.?initContainers.orValue([])' },
          ...(props.variables ?? []),
        ],
        validations: props.validations.map((v) => ({ expression: v.expression, message: v.message, messageExpression: v.messageExpression })),
      },
    });
  }
}

/** One admission rule per API group, so the rendered policy stays short and stable. */
function resourceRules(kinds: readonly WorkloadKind[]) {
  const groups = [...new Set(kinds.map((k) => k.group))];
  return groups.map((group) => {
    const ofGroup = kinds.filter((k) => k.group === group);
    return {
      apiGroups: [group],
      apiVersions: [...new Set(ofGroup.map((k) => k.version))],
      resources: ofGroup.map((k) => k.resource),
      operations: ['CREATE', 'UPDATE'],
    };
  });
}

/** CEL selecting the pod template by kind: `object` for a Pod, the template path otherwise. */
function podTemplateExpression(kinds: readonly WorkloadKind[]): string {
  const paths = new Map<string, string[]>();
  for (const k of kinds) {
    const path = ['object', ...k.templatePath].join('.');
    paths.set(path, [...(paths.get(path) ?? []), k.kind]);
  }
  const branches = [...paths.entries()];
  // The most common path is the fallback, the others are tested by kind.
  branches.sort((a, b) => a[1].length - b[1].length);
  const fallback = branches.pop()![0];
  return branches.reduceRight(
    (rest, [path, names]) => `${names.map((n) => `object.kind == '${n}'`).join(' || ')} ? ${path} : ${rest}`,
    fallback,
  );
}

/** What a policy with no props of its own states: everything but the options. */
export type PolicyDefinition = Omit<WorkloadPolicyProps, keyof WorkloadPolicyOptions>;

/** A WorkloadPolicy class with a fixed definition, its `NAME` included: the policies that take no props of their own. */
export function definePolicy(definition: PolicyDefinition): { readonly NAME: string; new (scope: Construct, id: string, options: WorkloadPolicyOptions): WorkloadPolicy } {
  return class extends WorkloadPolicy {
    /** Policy name; exceptions and policy reports refer to it. */
    public static readonly NAME = definition.name;

    constructor(scope: Construct, id: string, options: WorkloadPolicyOptions) {
      super(scope, id, { ...options, ...definition });
    }
  };
}

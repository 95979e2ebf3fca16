import { assertRule, dnsLabelRule } from '../config/checks';
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { PolicyException as PolicyExceptionResource, type PolicyExceptionSpec } from '../../imports/kyverno-policies.kyverno.io';
import { celString, celStringList } from './cel';
import type { WorkloadPolicy } from './workload-policy';

export interface PolicyExceptionProps {
  /** Exception name (DNS label). */
  readonly name: string;
  /** Namespace the exception object lives in: the one Kyverno accepts exceptions from. */
  readonly namespace: string;
  /** The policies the workloads are exempt from. */
  readonly policies: readonly WorkloadPolicy[];
  /** Namespace of the exempted workloads. */
  readonly workloadNamespace: string;
  /**
   * `app.kubernetes.io/name` of each exempted workload. The label selects the workload and the
   * pods it creates (whose names are generated), which the policies check as well.
   */
  readonly workloads: readonly string[];
  /** Who answers for the exception (e-mail address). */
  readonly owner: string;
  /** Why the workload cannot comply yet, and what will fix it. */
  readonly reason: string;
  /** First day (UTC) the exception no longer applies. */
  readonly expires: Date;
}


/**
 * A Kyverno `policies.kyverno.io/v1` PolicyException: named workloads skip the given policies
 * until `expires` (Kyverno stops applying it then; `spec.expiresAt`). Owner and reason are
 * recorded on the object, where policy reports and reviewers see them.
 */
export class PolicyException extends Construct {
  public readonly name: string;
  public readonly expires: Date;
  public readonly policies: readonly WorkloadPolicy[];

  constructor(scope: Construct, id: string, props: PolicyExceptionProps) {
    super(scope, id);
    const where = `PolicyException ${props.name}`;
    assertRule(where, 'name', props.name, dnsLabelRule(props.name));
    if (props.policies.length === 0) throw new Error(`${where}: policies = []: name at least one policy to exempt from`);
    if (props.workloads.length === 0) throw new Error(`${where}: workloads = []: name at least one workload (app.kubernetes.io/name)`);
    if (!/^[^@\s]+@[^@\s]+$/.test(props.owner)) throw new Error(`${where}: owner = ${JSON.stringify(props.owner)}: must be an e-mail address`);
    if (!props.reason.trim()) throw new Error(`${where}: reason is empty: say why the workload cannot comply and what will fix it`);
    if (Number.isNaN(props.expires.getTime())) throw new Error(`${where}: expires is not a valid date`);
    this.name = props.name;
    this.expires = props.expires;
    this.policies = props.policies;

    const spec: Omit<PolicyExceptionSpec, 'expiresAt'> = {
      policyRefs: props.policies.map((p) => ({ kind: 'ValidatingPolicy', name: p.name })),
      matchConditions: [
        { name: 'workload-namespace', expression: `request.namespace == ${celString(props.workloadNamespace)}` },
        {
          name: 'workload-name',
          expression: `object.metadata.?labels[?'app.kubernetes.io/name'].orValue('') in ${celStringList(props.workloads)}`,
        },
      ],
      properties: { owner: props.owner, reason: props.reason },
    };
    // The generated L1 types spec.expiresAt as a Date, which cdk8s cannot serialize: render the
    // object through ApiObject with the spec typed by the L1 and expiresAt as an RFC 3339 string.
    new ApiObject(this, 'Resource', {
      ...PolicyExceptionResource.GVK,
      metadata: {
        name: props.name,
        namespace: props.namespace,
      },
      spec: { ...spec, expiresAt: props.expires.toISOString().replace(/\.\d{3}Z$/, 'Z') },
    });
  }
}

import type { Construct } from 'constructs';
import { celStringList } from '../cel';
import { WorkloadPolicy, type WorkloadPolicyOptions } from '../workload-policy';

export interface RequireWorkloadLabelsProps extends WorkloadPolicyOptions {
  /** Label keys every workload and its pod template must carry with a non-empty value. */
  readonly labels: readonly string[];
}

const LABEL_KEY = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;

/**
 * Ownership and cost labels on the workload and on its pods: cost reports and alerts group by pod
 * labels, so a label only on the Deployment is not enough.
 */
export class RequireWorkloadLabels extends WorkloadPolicy {
  /** Policy name; exceptions and policy reports refer to it. */
  public static readonly NAME = 'require-workload-labels';

  public readonly labels: readonly string[];

  constructor(scope: Construct, id: string, props: RequireWorkloadLabelsProps) {
    if (props.labels.length === 0) throw new Error('RequireWorkloadLabels: labels = []: list at least one required label');
    for (const label of props.labels) {
      if (!LABEL_KEY.test(label)) throw new Error(`RequireWorkloadLabels: labels contains ${JSON.stringify(label)}: not a valid label key`);
    }
    super(scope, id, {
      ...props,
      name: RequireWorkloadLabels.NAME,
      title: 'Require ownership and cost labels',
      category: 'Cost and Ownership',
      severity: 'medium',
      description:
        `Every workload and its pod template must carry the labels ${props.labels.join(', ')} with a non-empty value, ` +
        'so cost reports, alerts and policy reports can be traced to a team and a cost center.',
      variables: [{ name: 'requiredLabels', expression: celStringList(props.labels) }],
      validations: [
        {
          expression: "variables.requiredLabels.all(l, object.metadata.?labels[?l].orValue('') != '')",
          message: `the workload must carry the labels ${props.labels.join(', ')}`,
          messageExpression:
            "'missing labels on the ' + object.kind + ': ' + variables.requiredLabels.filter(l, object.metadata.?labels[?l].orValue('') == '').join(', ')",
        },
        {
          expression: "variables.requiredLabels.all(l, variables.podMeta.?labels[?l].orValue('') != '')",
          message: `the pod template must carry the labels ${props.labels.join(', ')}`,
          messageExpression:
            "'missing labels on the pod template: ' + variables.requiredLabels.filter(l, variables.podMeta.?labels[?l].orValue('') == '').join(', ')",
        },
      ],
    });
    this.labels = props.labels;
  }
}

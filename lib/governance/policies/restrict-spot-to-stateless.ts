import type { Construct } from 'constructs';
import { SPOT_TAINT, STATEFUL_LABEL } from '../../scheduling';
import { celString } from '../cel';
import { WorkloadPolicy, type WorkloadPolicyOptions } from '../workload-policy';

export interface RestrictSpotToStatelessProps extends WorkloadPolicyOptions {
  /** The taint spot nodes carry. @default SPOT_TAINT */
  readonly spotTaint?: { readonly key: string; readonly value: string; readonly effect: string };
  /** Label that marks a workload as stateful without a PVC. @default STATEFUL_LABEL */
  readonly statefulLabel?: string;
}

/**
 * Only stateless workloads may tolerate the spot taint: a spot interruption gives two minutes'
 * notice, too little to hand over state. Stateful means a StatefulSet (or one of its pods), a PVC
 * volume, or the stateful label on the workload or its pod template (any value but "false").
 */
export class RestrictSpotToStateless extends WorkloadPolicy {
  /** Policy name; exceptions and policy reports refer to it. */
  public static readonly NAME = 'restrict-spot-to-stateless';

  constructor(scope: Construct, id: string, props: RestrictSpotToStatelessProps) {
    const taint = props.spotTaint ?? SPOT_TAINT;
    const label = celString(props.statefulLabel ?? STATEFUL_LABEL);
    super(scope, id, {
      ...props,
      name: RestrictSpotToStateless.NAME,
      title: 'Only stateless workloads may run on spot capacity',
      category: 'Scheduling',
      severity: 'high',
      description:
        `Spot nodes carry the taint ${taint.key}=${taint.value}:${taint.effect}. A workload that keeps state (a StatefulSet, ` +
        `a PersistentVolumeClaim volume, or the ${props.statefulLabel ?? STATEFUL_LABEL} label) must not tolerate it, ` +
        'so an interruption never takes its data or quorum with it.',
      variables: [
        {
          // A toleration matches the taint by key (or tolerates every key with Exists), by value
          // (or Exists), and by effect (or every effect when empty).
          name: 'toleratesSpot',
          expression:
            `variables.podSpec.?tolerations.orValue([]).exists(t, ` +
            `(t.?key.orValue('') == ${celString(taint.key)} || (t.?key.orValue('') == '' && t.?operator.orValue('Equal') == 'Exists')) && ` +
            `(t.?operator.orValue('Equal') == 'Exists' || t.?value.orValue('') == ${celString(taint.value)}) && ` +
            `(t.?effect.orValue('') == '' || t.?effect.orValue('') == ${celString(taint.effect)}))`,
        },
        {
          name: 'stateful',
          expression:
            "object.kind == 'StatefulSet' || " +
            "object.metadata.?ownerReferences.orValue([]).exists(o, o.kind == 'StatefulSet') || " +
            'variables.podSpec.?volumes.orValue([]).exists(v, has(v.persistentVolumeClaim)) || ' +
            `object.metadata.?labels[?${label}].orValue('false') != 'false' || ` +
            `variables.podMeta.?labels[?${label}].orValue('false') != 'false'`,
        },
      ],
      validations: [
        {
          expression: '!(variables.stateful && variables.toleratesSpot)',
          message: 'stateful workloads must not tolerate the spot taint',
          messageExpression: `'a stateful ' + object.kind + ' must not tolerate the spot taint ${taint.key}'`,
        },
      ],
    });
  }
}

import { SizeRoundingBehavior, type Size } from 'cdk8s';
import type { Cpu } from 'cdk8s-plus-29';
import type { Construct } from 'constructs';
import { celString } from '../cel';
import { WorkloadPolicy, type WorkloadPolicyOptions } from '../workload-policy';

export interface RestrictContainerResourcesProps extends WorkloadPolicyOptions {
  /** Highest CPU request or limit of one container. */
  readonly maxCpu: Cpu;
  /** Highest memory request or limit of one container. */
  readonly maxMemory: Size;
}

/**
 * Caps what one container may ask for, so a typo (100G for 100M) cannot make Karpenter launch the
 * largest instance type, or leave a pod pending forever.
 */
export class RestrictContainerResources extends WorkloadPolicy {
  /** Policy name; exceptions and policy reports refer to it. */
  public static readonly NAME = 'restrict-container-resources';

  public readonly maxCpu: string;
  public readonly maxMemory: string;

  constructor(scope: Construct, id: string, props: RestrictContainerResourcesProps) {
    const mebibytes = props.maxMemory.toMebibytes({ rounding: SizeRoundingBehavior.FLOOR });
    const maxMemory = mebibytes % 1024 === 0 ? `${mebibytes / 1024}Gi` : `${mebibytes}Mi`;
    if (!/^\d+(\.\d+)?m?$/.test(props.maxCpu.amount) || Number.parseFloat(props.maxCpu.amount) <= 0) {
      throw new Error(`RestrictContainerResources: maxCpu = ${props.maxCpu.amount}: must be a positive CPU quantity`);
    }
    if (!(mebibytes > 0)) throw new Error(`RestrictContainerResources: maxMemory = ${maxMemory}: must be positive`);
    super(scope, id, {
      ...props,
      name: RestrictContainerResources.NAME,
      title: 'Cap container CPU and memory',
      category: 'Resources',
      severity: 'high',
      description:
        `No container may request or be limited to more than ${props.maxCpu.amount} CPU or ${maxMemory} of memory: ` +
        'larger asks are almost always a unit mistake and would make the autoscaler buy oversized nodes.',
      variables: [
        { name: 'maxCpu', expression: `quantity(${celString(props.maxCpu.amount)})` },
        { name: 'maxMemory', expression: `quantity(${celString(maxMemory)})` },
        {
          name: 'oversized',
          expression:
            "variables.allContainers.filter(c, ['requests', 'limits'].exists(k, quantity(string(c.?resources[?k][?'cpu'].orValue('0'))).isGreaterThan(variables.maxCpu) || quantity(string(c.?resources[?k][?'memory'].orValue('0'))).isGreaterThan(variables.maxMemory))).map(c, c.name)",
        },
      ],
      validations: [
        {
          expression: 'variables.oversized.size() == 0',
          message: `cpu must not exceed ${props.maxCpu.amount} and memory must not exceed ${maxMemory} per container`,
          messageExpression: `'cpu above ${props.maxCpu.amount} or memory above ${maxMemory} requested or limited in: ' + variables.oversized.join(', ')`,
        },
      ],
    });
    this.maxCpu = props.maxCpu.amount;
    this.maxMemory = maxMemory;
  }
}

import { assertRule, integerRule, isDnsLabel, positiveIntegerRule } from '../config/checks';
import { maxNodeCount } from './max-node-count';
import { Duration, type Size } from 'cdk8s';
import { Construct } from 'constructs';
import * as sh from '../../imports/karpenter-karpenter.sh';
import { CAPACITY_TYPE_LABEL } from '../scheduling/capacity';
import { renderDisruptionBudget, type DisruptionBudget } from './disruption-budget';
import { Ec2NodeClass } from './ec2-node-class';
import { formatGoDuration } from './go-duration';
import { estimateInstanceTypes } from './instance-type-estimate';
import type { CpuArchitecture } from './instance-types';

export type CapacityType = 'spot' | 'on-demand';
export type TaintEffect = 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';

/** A taint on every node of a pool; only pods tolerating it are placed there. */
export interface NodeTaint {
  readonly key: string;
  /** @default - no value */
  readonly value?: string;
  readonly effect: TaintEffect;
}

/** The most a pool may provision in total; Karpenter stops launching when a limit is reached. */
export interface NodePoolLimits {
  /** Total vCPUs. */
  readonly cpu: number;
  /** Total memory. */
  readonly memory: Size;
}

/** A pod toleration, as written in a pod spec. */
export interface PodToleration {
  readonly key: string;
  readonly operator: 'Equal' | 'Exists';
  readonly value?: string;
  readonly effect: TaintEffect;
}

/**
 * Spot capacity stays available only when Karpenter can choose among many instance types (EC2
 * reclaims spot per type and zone), so a spot pool must leave at least this many eligible.
 */
const SPOT_MIN_INSTANCE_TYPES = 15;

export interface NodePoolProps {
  /** NodePool name (`karpenter.sh/nodepool` label of its nodes). */
  readonly name: string;
  /** The EC2NodeClass nodes are launched with. */
  readonly nodeClass: Ec2NodeClass;
  /** Capacity types the pool may launch. */
  readonly capacityTypes: readonly CapacityType[];
  /** Total capacity the pool may provision. Required: an unbounded pool can run up any bill. */
  readonly limits: NodePoolLimits;
  /**
   * CPU architectures the pool may launch.
   * @default ['amd64', 'arm64']
   */
  readonly architectures?: readonly CpuArchitecture[];
  /**
   * EC2 instance categories (`c` compute, `m` general purpose, `r` memory).
   * @default ['c', 'm', 'r']
   */
  readonly instanceCategories?: readonly string[];
  /**
   * Oldest instance generation allowed.
   * @default 6
   */
  readonly minInstanceGeneration?: number;
  /**
   * Instance families the pool is confined to.
   * @default - every family the other requirements allow
   */
  readonly instanceFamilies?: readonly string[];
  /**
   * Instance sizes never launched: too small for the per-node overhead, or bare metal (slow to boot).
   * @default ['nano', 'micro', 'small', 'medium', 'metal', 'metal-24xl', 'metal-48xl']
   */
  readonly excludedInstanceSizes?: readonly string[];
  /**
   * Fewest instance types each launch must be able to choose from (`minValues`).
   * @default - 15 for pools that launch spot, none otherwise
   */
  readonly minInstanceTypes?: number;
  /**
   * Fewest instance families each launch must be able to choose from (`minValues`).
   * @default - 5 for pools that launch spot, none otherwise
   */
  readonly minInstanceFamilies?: number;
  /**
   * Taints on every node of the pool.
   * @default []
   */
  readonly taints?: readonly NodeTaint[];
  /**
   * Labels on every node of the pool.
   * @default {}
   */
  readonly labels?: Readonly<Record<string, string>>;
  /**
   * Order among pools a pod fits: Karpenter tries higher weights first (1-100).
   * @default - no weight (tried after weighted pools)
   */
  readonly weight?: number;
  /**
   * Node lifetime; older nodes are replaced (picking up new AMIs and settings).
   * @default Duration.hours(720)
   */
  readonly expireAfter?: Duration;
  /**
   * How long a node must stay empty or underutilized before it is consolidated.
   * @default Duration.minutes(1)
   */
  readonly consolidateAfter?: Duration;
  /**
   * Which nodes consolidation may remove.
   * @default 'WhenEmptyOrUnderutilized'
   */
  readonly consolidationPolicy?: 'WhenEmpty' | 'WhenEmptyOrUnderutilized';
  /**
   * Disruption budgets.
   * @default [{ nodes: '10%' }]
   */
  readonly budgets?: readonly DisruptionBudget[];
}

/**
 * A Karpenter NodePool: which nodes may be launched (capacity type, architecture, instance
 * diversity), for which pods (taints), how much in total (limits) and how nodes are replaced
 * (expiry, consolidation, disruption budgets). Requirements are checked at synth time against a
 * committed instance-type table, so a spot pool too narrow to stay available fails the render.
 */
export class NodePool extends Construct {
  public readonly name: string;
  public readonly nodeClass: Ec2NodeClass;
  public readonly capacityTypes: readonly CapacityType[];
  public readonly architectures: readonly CpuArchitecture[];
  public readonly taints: readonly NodeTaint[];
  /** Whether the pool may launch spot capacity. */
  public readonly spot: boolean;
  /** Instance types of the committed table the requirements leave eligible (see `estimateInstanceTypes`). */
  public readonly estimatedInstanceTypes: readonly string[];
  /** Most nodes the pool can hold: CPU limit over the smallest eligible instance's vCPUs. */
  public readonly maxNodes: number;

  constructor(scope: Construct, id: string, props: NodePoolProps) {
    super(scope, id);
    const where = `NodePool ${props.name}`;
    if (!isDnsLabel(props.name)) throw new Error(`${where}: name = ${props.name}: must be a DNS label`);
    if (!props.nodeClass?.name) throw new Error(`${where}: nodeClass = (missing): must be the Ec2NodeClass its nodes launch with`);
    const capacityTypes = [...new Set(props.capacityTypes ?? [])];
    if (capacityTypes.length === 0 || capacityTypes.some((c) => c !== 'spot' && c !== 'on-demand')) {
      throw new Error(`${where}: capacityTypes = ${JSON.stringify(props.capacityTypes)}: must list 'spot' and/or 'on-demand'`);
    }
    const limits = props.limits as NodePoolLimits | undefined;
    const memoryGiB = limits?.memory?.toGibibytes();
    if (!limits || !(limits.cpu > 0) || !(memoryGiB !== undefined && memoryGiB > 0)) {
      throw new Error(
        `${where}: limits = ${limits ? `cpu ${limits.cpu}, memory ${memoryGiB ?? '(missing)'}Gi` : '(missing)'}: ` +
          'every NodePool needs positive cpu and memory limits, or a runaway workload can provision unbounded capacity',
      );
    }
    const architectures = [...new Set(props.architectures ?? (['amd64', 'arm64'] as const))];
    if (architectures.length === 0) throw new Error(`${where}: architectures = []: must allow amd64 and/or arm64`);
    for (const [field, list] of [['instanceCategories', props.instanceCategories], ['instanceFamilies', props.instanceFamilies]] as const) {
      if (list !== undefined && list.length === 0) throw new Error(`${where}: ${field} = []: must list at least one value, or be left unset`);
    }
    const minGeneration = props.minInstanceGeneration ?? 6;
    assertRule(where, 'minInstanceGeneration', minGeneration, positiveIntegerRule(minGeneration));
    if (props.weight !== undefined) assertRule(where, 'weight', props.weight, integerRule(props.weight, 1, 100));
    const taints = props.taints ?? [];
    for (const taint of taints) {
      if (!taint.key) throw new Error(`${where}: taints: every taint needs a key`);
    }

    this.name = props.name;
    this.nodeClass = props.nodeClass;
    this.capacityTypes = capacityTypes;
    this.architectures = architectures;
    this.taints = taints;
    this.spot = capacityTypes.includes('spot');

    const requirements = this.requirements(props, minGeneration);
    const estimate = estimateInstanceTypes(requirements);
    this.estimatedInstanceTypes = estimate.eligible;
    this.maxNodes = this.estimatedInstanceTypes.length > 0 ? maxNodeCount(limits.cpu, this.estimatedInstanceTypes) : 0;
    if (this.spot && estimate.eligible.length < SPOT_MIN_INSTANCE_TYPES) {
      throw new Error(
        `${where}: requirements leave about ${estimate.eligible.length} instance types eligible (estimated from the committed ` +
          `c/m/r instance-type table): a spot pool needs at least ${SPOT_MIN_INSTANCE_TYPES} so interruptions and capacity ` +
          'shortages of one type do not stop it; allow more categories, families, sizes or an older minInstanceGeneration',
      );
    }
    for (const { requirement, found } of estimate.unmetMinValues) {
      throw new Error(
        `${where}: ${requirement.key} minValues = ${requirement.minValues}: the requirements leave about ${found} distinct values ` +
          '(estimated from the committed instance-type table), so Karpenter could never launch; lower minValues or widen the requirements',
      );
    }

    const expireAfter = props.expireAfter ?? Duration.hours(720);
    const consolidateAfter = props.consolidateAfter ?? Duration.minutes(1);
    if (expireAfter.toSeconds() <= 0) throw new Error(`${where}: expireAfter = ${expireAfter.toHumanString()}: must be positive`);
    const budgets = (props.budgets ?? [{ nodes: '10%' }]).map((b, i) => renderDisruptionBudget(`${where}: budgets[${i}]`, b));

    new sh.NodePool(this, 'Resource', {
      metadata: { name: props.name },
      spec: {
        weight: props.weight,
        limits: {
          cpu: sh.NodePoolSpecLimits.fromNumber(limits.cpu),
          memory: sh.NodePoolSpecLimits.fromString(Number.isInteger(memoryGiB) ? `${memoryGiB}Gi` : `${Math.ceil(limits.memory.toMebibytes())}Mi`),
        },
        template: {
          metadata: props.labels ? { labels: { ...props.labels } } : undefined,
          spec: {
            nodeClassRef: { group: Ec2NodeClass.GROUP, kind: Ec2NodeClass.KIND, name: props.nodeClass.name },
            requirements,
            taints: taints.length > 0 ? taints.map((t) => ({ key: t.key, value: t.value, effect: t.effect as sh.NodePoolSpecTemplateSpecTaintsEffect })) : undefined,
            expireAfter: formatGoDuration(expireAfter),
          },
        },
        disruption: {
          consolidationPolicy: (props.consolidationPolicy ?? 'WhenEmptyOrUnderutilized') as sh.NodePoolSpecDisruptionConsolidationPolicy,
          consolidateAfter: formatGoDuration(consolidateAfter),
          budgets,
        },
      },
    });
  }

  /** Tolerations a pod needs to be placed on this pool's nodes (one per NoSchedule/NoExecute taint). */
  public tolerations(): PodToleration[] {
    return this.taints
      .filter((t) => t.effect !== 'PreferNoSchedule')
      .map((t) => (t.value === undefined ? { key: t.key, operator: 'Exists', effect: t.effect } : { key: t.key, operator: 'Equal', value: t.value, effect: t.effect }));
  }

  private requirements(props: NodePoolProps, minGeneration: number): sh.NodePoolSpecTemplateSpecRequirements[] {
    const op = sh.NodePoolSpecTemplateSpecRequirementsOperator;
    const minTypes = props.minInstanceTypes ?? (this.spot ? SPOT_MIN_INSTANCE_TYPES : undefined);
    const minFamilies = props.minInstanceFamilies ?? (this.spot ? 5 : undefined);
    const requirements: sh.NodePoolSpecTemplateSpecRequirements[] = [
      { key: CAPACITY_TYPE_LABEL, operator: op.IN, values: [...this.capacityTypes] },
      { key: 'kubernetes.io/arch', operator: op.IN, values: [...this.architectures] },
      { key: 'kubernetes.io/os', operator: op.IN, values: ['linux'] },
      { key: 'karpenter.k8s.aws/instance-category', operator: op.IN, values: [...(props.instanceCategories ?? ['c', 'm', 'r'])] },
      { key: 'karpenter.k8s.aws/instance-generation', operator: op.GT, values: [String(minGeneration - 1)] },
      {
        key: 'karpenter.k8s.aws/instance-size',
        operator: op.NOT_IN,
        values: [...(props.excludedInstanceSizes ?? ['nano', 'micro', 'small', 'medium', 'metal', 'metal-24xl', 'metal-48xl'])],
      },
    ];
    if (props.instanceFamilies) {
      requirements.push({ key: 'karpenter.k8s.aws/instance-family', operator: op.IN, values: [...props.instanceFamilies], minValues: minFamilies });
    } else if (minFamilies !== undefined) {
      requirements.push({ key: 'karpenter.k8s.aws/instance-family', operator: op.EXISTS, minValues: minFamilies });
    }
    // Exists plus minValues: each launch request must offer EC2 at least this many instance types.
    if (minTypes !== undefined) requirements.push({ key: 'node.kubernetes.io/instance-type', operator: op.EXISTS, minValues: minTypes });
    return requirements;
  }
}

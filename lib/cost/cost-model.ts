import { PRICE_TABLE, unitPrices, type Architecture, type PriceTable, type UnitPrices } from './price-table';

export type CapacityType = 'spot' | 'on-demand';

/** The resource limits of one NodePool (`spec.limits`). */
export interface PoolLimit {
  readonly capacityType: CapacityType;
  readonly maxCpu: number;
  readonly maxMemoryGiB: number;
}

/** A steady-state load and how it is expected to be placed. */
export interface BaselineLoad {
  readonly vcpu: number;
  readonly memoryGiB: number;
  /** Share on spot capacity (0-1). */
  readonly spotShare: number;
  /** Share on Graviton (0-1), independent of the capacity type. */
  readonly arm64Share: number;
}

export interface CostEstimate {
  /** Monthly cost if every pool ran at its limits, priced at the dearer architecture. */
  readonly maxMonthly: number;
  readonly maxMonthlyByCapacityType: Readonly<Record<CapacityType, number>>;
  /** Monthly cost of the baseline as placed. */
  readonly expectedMonthly: number;
  /** Monthly cost of the same baseline all on on-demand amd64: the reference the saving is against. */
  readonly onDemandAmd64Monthly: number;
  /** `1 - expectedMonthly / onDemandAmd64Monthly`. */
  readonly saving: number;
  /** Share of the expected cost that is spot capacity. */
  readonly spotCostShare: number;
}

export interface CostInput {
  readonly pools: readonly PoolLimit[];
  readonly baseline: BaselineLoad;
}

/** Hourly price of `vcpu` and `memoryGiB` on `capacityType` capacity of one architecture. */
export function hourlyPrice(vcpu: number, memoryGiB: number, prices: UnitPrices, capacityType: CapacityType, table: PriceTable = PRICE_TABLE): number {
  const onDemand = vcpu * prices.vcpuHourly + memoryGiB * prices.gibHourly;
  return capacityType === 'spot' ? onDemand * (1 - table.spotDiscount) : onDemand;
}

/**
 * Prices the NodePool limits (the most the environment can spend on compute) and the baseline
 * load (what it is expected to spend). Node overhead, storage and data transfer are not included.
 */
export function estimateCost(input: CostInput, table: PriceTable = PRICE_TABLE): CostEstimate {
  const { baseline } = input;
  for (const [field, value] of [['vcpu', baseline.vcpu], ['memoryGiB', baseline.memoryGiB]] as const) {
    if (!(value >= 0)) throw new Error(`cost model: baseline.${field} = ${value}: must be a number >= 0`);
  }
  for (const [field, value] of [['spotShare', baseline.spotShare], ['arm64Share', baseline.arm64Share]] as const) {
    if (!(value >= 0 && value <= 1)) throw new Error(`cost model: baseline.${field} = ${value}: must be a share from 0 to 1`);
  }
  const prices = unitPrices(table);
  const architectures: readonly Architecture[] = ['amd64', 'arm64'];
  const monthly = (hourly: number) => hourly * table.hoursPerMonth;

  const maxByType: Record<CapacityType, number> = { spot: 0, 'on-demand': 0 };
  for (const pool of input.pools) {
    const dearest = Math.max(...architectures.map((arch) => hourlyPrice(pool.maxCpu, pool.maxMemoryGiB, prices[arch], pool.capacityType, table)));
    maxByType[pool.capacityType] += monthly(dearest);
  }

  const archShare: Record<Architecture, number> = { amd64: 1 - baseline.arm64Share, arm64: baseline.arm64Share };
  const typeShare: Record<CapacityType, number> = { spot: baseline.spotShare, 'on-demand': 1 - baseline.spotShare };
  let expectedHourly = 0;
  let spotHourly = 0;
  for (const capacityType of ['spot', 'on-demand'] as const) {
    for (const arch of architectures) {
      const share = typeShare[capacityType] * archShare[arch];
      const hourly = share * hourlyPrice(baseline.vcpu, baseline.memoryGiB, prices[arch], capacityType, table);
      expectedHourly += hourly;
      if (capacityType === 'spot') spotHourly += hourly;
    }
  }
  const referenceHourly = hourlyPrice(baseline.vcpu, baseline.memoryGiB, prices.amd64, 'on-demand', table);

  return {
    maxMonthly: maxByType.spot + maxByType['on-demand'],
    maxMonthlyByCapacityType: maxByType,
    expectedMonthly: monthly(expectedHourly),
    onDemandAmd64Monthly: monthly(referenceHourly),
    saving: referenceHourly > 0 ? 1 - expectedHourly / referenceHourly : 0,
    spotCostShare: expectedHourly > 0 ? spotHourly / expectedHourly : 0,
  };
}

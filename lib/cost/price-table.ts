/**
 * EC2 on-demand list prices of a few named instance types, and the per-vCPU-hour and per-GiB-hour
 * prices derived from them. Each architecture is priced from a compute-optimized and a
 * general-purpose instance of the same generation and size: both have 4 vCPU, the second twice
 * the memory, so the price difference is the price of the extra memory.
 *
 * Source: the on-demand price list Karpenter ships for its first scheduling decisions,
 * aws/karpenter-provider-aws `pkg/providers/pricing/zz_generated.pricing_aws.go` at commit
 * 265ee0ba5b8e337dec6b82dde965b03021ccb418, generated 2026-02-09 for us-east-1 (Linux, USD/hour).
 * Other regions' list prices differ; `region` says which one the numbers are, and the cost report
 * prints it next to each environment's own region.
 *
 * The spot discount is a planning assumption, not a market price: spot prices move with supply
 * and differ by instance type and zone (AWS quotes "up to 90 %" off on-demand); 60 % is the
 * planning figure used here. Check the Spot Instance Advisor of the region before relying on it.
 */

export type Architecture = 'amd64' | 'arm64';

/** A named instance type and its hourly on-demand price. */
export interface InstancePrice {
  readonly instanceType: string;
  readonly architecture: Architecture;
  readonly vcpu: number;
  readonly memoryGiB: number;
  /** On-demand price, USD per hour. */
  readonly onDemandHourly: number;
}

/** Prices of one vCPU and one GiB for an hour, on-demand. */
export interface UnitPrices {
  readonly vcpuHourly: number;
  readonly gibHourly: number;
}

export interface PriceTable {
  /** Region the list prices are for. */
  readonly region: string;
  /** Where the numbers come from, and when. */
  readonly source: string;
  readonly asOf: string;
  /** Share of the on-demand price saved on spot (0-1). */
  readonly spotDiscount: number;
  /** Hours in a month (AWS pricing pages use 730). */
  readonly hoursPerMonth: number;
  /** Per architecture: the compute-optimized and the general-purpose reference instance. */
  readonly references: Readonly<Record<Architecture, readonly [InstancePrice, InstancePrice]>>;
}

export const PRICE_TABLE: PriceTable = {
  region: 'us-east-1',
  source: 'aws/karpenter-provider-aws pkg/providers/pricing/zz_generated.pricing_aws.go @ 265ee0ba5b8e',
  asOf: '2026-02-09',
  spotDiscount: 0.6,
  hoursPerMonth: 730,
  references: {
    amd64: [
      { instanceType: 'c7i.xlarge', architecture: 'amd64', vcpu: 4, memoryGiB: 8, onDemandHourly: 0.1785 },
      { instanceType: 'm7i.xlarge', architecture: 'amd64', vcpu: 4, memoryGiB: 16, onDemandHourly: 0.2016 },
    ],
    arm64: [
      { instanceType: 'c7g.xlarge', architecture: 'arm64', vcpu: 4, memoryGiB: 8, onDemandHourly: 0.145 },
      { instanceType: 'm7g.xlarge', architecture: 'arm64', vcpu: 4, memoryGiB: 16, onDemandHourly: 0.1632 },
    ],
  },
};

/**
 * Solves `price = vcpu * vcpuHourly + memoryGiB * gibHourly` for the two reference instances.
 * Fails unless the two have the same vCPU count and different memory (otherwise the system has no
 * single solution) and the result is positive.
 */
export function unitPricesOf(references: readonly [InstancePrice, InstancePrice]): UnitPrices {
  const [compute, general] = references;
  const name = `${compute.instanceType}/${general.instanceType}`;
  if (compute.vcpu !== general.vcpu || compute.memoryGiB === general.memoryGiB) {
    throw new Error(`price references ${name}: must have the same vCPU count and different memory to derive unit prices`);
  }
  const gibHourly = (general.onDemandHourly - compute.onDemandHourly) / (general.memoryGiB - compute.memoryGiB);
  const vcpuHourly = (compute.onDemandHourly - compute.memoryGiB * gibHourly) / compute.vcpu;
  if (!(gibHourly > 0 && vcpuHourly > 0)) {
    throw new Error(`price references ${name}: derived unit prices are not positive (vCPU ${vcpuHourly}, GiB ${gibHourly}): pick instances whose price grows with memory`);
  }
  return { vcpuHourly, gibHourly };
}

/** On-demand unit prices per architecture. */
export function unitPrices(table: PriceTable = PRICE_TABLE): Readonly<Record<Architecture, UnitPrices>> {
  return { amd64: unitPricesOf(table.references.amd64), arm64: unitPricesOf(table.references.arm64) };
}

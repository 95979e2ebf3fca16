import type { BaselineLoad, CostEstimate } from './cost-model';
import { PRICE_TABLE, unitPrices, type PriceTable } from './price-table';

/** One environment's line of the report. */
export interface CostReportRow {
  readonly environment: string;
  readonly region: string;
  readonly baseline: BaselineLoad;
  readonly estimate: CostEstimate;
}

const usd = (n: number) => `$${n.toLocaleString('en-US', { minimumFractionDigits: 0, maximumFractionDigits: 0 })}`;
const pct = (n: number) => `${(n * 100).toFixed(1)} %`;

/** A plain-text table of the estimates with the price basis it rests on; deterministic. */
export function formatCostReport(rows: readonly CostReportRow[], table: PriceTable = PRICE_TABLE): string {
  const prices = unitPrices(table);
  const header = ['environment', 'max/month (limits)', 'expected/month', 'all on-demand amd64', 'saving', 'spot share', 'arm64 share', 'baseline'];
  const lines = rows.map((r) => [
    r.environment,
    usd(r.estimate.maxMonthly),
    usd(r.estimate.expectedMonthly),
    usd(r.estimate.onDemandAmd64Monthly),
    pct(r.estimate.saving),
    `${pct(r.baseline.spotShare)} (${pct(r.estimate.spotCostShare)} of cost)`,
    pct(r.baseline.arm64Share),
    `${r.baseline.vcpu} vCPU / ${r.baseline.memoryGiB} GiB`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const format = (cells: readonly string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  const regions = [...new Set(rows.map((r) => r.region))].sort();
  return [
    format(header),
    format(widths.map((w) => '-'.repeat(w))),
    ...lines.map(format),
    '',
    `Compute only (no storage, data transfer or EKS fee); ${table.hoursPerMonth} hours a month.`,
    `Prices: ${table.region} on-demand list, ${table.source}, as of ${table.asOf}; environments run in ${regions.join(', ')}.`,
    `  amd64: $${prices.amd64.vcpuHourly.toFixed(5)}/vCPU-h + $${prices.amd64.gibHourly.toFixed(7)}/GiB-h (from ${table.references.amd64.map((i) => i.instanceType).join(', ')})`,
    `  arm64: $${prices.arm64.vcpuHourly.toFixed(5)}/vCPU-h + $${prices.arm64.gibHourly.toFixed(7)}/GiB-h (from ${table.references.arm64.map((i) => i.instanceType).join(', ')})`,
    `  spot: ${pct(table.spotDiscount)} off on-demand (planning assumption).`,
    'Max prices every pool at its limits on the dearer architecture; expected prices the baseline with its spot and arm64 shares.',
    '',
  ].join('\n');
}

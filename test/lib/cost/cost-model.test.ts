import { estimateCost, formatCostReport, hourlyPrice, unitPrices, type CostInput } from '../../../lib/cost';

/*
 * Hand-computed with the committed price table (us-east-1, 730 h/month, 60 % spot discount):
 *   amd64 on-demand: 0.03885 $/vCPU-h, 0.0028875 $/GiB-h; arm64: 0.0317, 0.002275.
 * Pools: spot 10 vCPU / 40 GiB, on-demand 4 vCPU / 16 GiB, priced at amd64 (the dearer):
 *   on-demand 4*0.03885 + 16*0.0028875 = 0.2016 $/h  -> 147.168 $/month
 *   spot (10*0.03885 + 40*0.0028875) * 0.4 = 0.504 * 0.4 = 0.2016 $/h -> 147.168 $/month
 * Baseline 8 vCPU / 32 GiB, half on spot, half on arm64:
 *   amd64 on-demand 0.4032 $/h, arm64 on-demand 0.3264 $/h, even mix 0.3648 $/h
 *   expected = 0.5 * 0.3648 * 0.4 + 0.5 * 0.3648 = 0.07296 + 0.1824 = 0.25536 $/h -> 186.4128 $/month
 *   reference (all on-demand amd64) 0.4032 $/h -> 294.336 $/month; saving 1 - 0.25536 / 0.4032 = 11/30
 *   spot share of cost 0.07296 / 0.25536 = 2/7
 */
const input: CostInput = {
  pools: [
    { capacityType: 'spot', maxCpu: 10, maxMemoryGiB: 40 },
    { capacityType: 'on-demand', maxCpu: 4, maxMemoryGiB: 16 },
  ],
  baseline: { vcpu: 8, memoryGiB: 32, spotShare: 0.5, arm64Share: 0.5 },
};

describe('estimateCost', () => {
  const estimate = estimateCost(input);

  test('prices the NodePool limits at the dearer architecture', () => {
    expect(estimate.maxMonthlyByCapacityType['on-demand']).toBeCloseTo(147.168, 6);
    expect(estimate.maxMonthlyByCapacityType.spot).toBeCloseTo(147.168, 6);
    expect(estimate.maxMonthly).toBeCloseTo(294.336, 6);
  });

  test('prices the baseline with its spot and arm64 shares', () => {
    expect(estimate.expectedMonthly).toBeCloseTo(186.4128, 6);
    expect(estimate.onDemandAmd64Monthly).toBeCloseTo(294.336, 6);
    expect(estimate.saving).toBeCloseTo(11 / 30, 10);
    expect(estimate.spotCostShare).toBeCloseTo(2 / 7, 10);
  });

  test('an all on-demand amd64 baseline saves nothing', () => {
    const plain = estimateCost({ ...input, baseline: { ...input.baseline, spotShare: 0, arm64Share: 0 } });
    expect(plain.saving).toBeCloseTo(0, 12);
    expect(plain.expectedMonthly).toBeCloseTo(plain.onDemandAmd64Monthly, 10);
  });

  test('hourlyPrice applies the spot discount', () => {
    const amd64 = unitPrices().amd64;
    expect(hourlyPrice(4, 16, amd64, 'on-demand')).toBeCloseTo(0.2016, 12);
    expect(hourlyPrice(4, 16, amd64, 'spot')).toBeCloseTo(0.08064, 12);
  });

  test('fails when a share is outside 0-1', () => {
    expect(() => estimateCost({ ...input, baseline: { ...input.baseline, spotShare: 1.5 } })).toThrow('cost model: baseline.spotShare = 1.5: must be a share from 0 to 1');
  });

  test('fails when the baseline is negative', () => {
    expect(() => estimateCost({ ...input, baseline: { ...input.baseline, vcpu: -1 } })).toThrow('cost model: baseline.vcpu = -1: must be a number >= 0');
  });
});

describe('formatCostReport', () => {
  test('prints one line per environment and the price basis', () => {
    const report = formatCostReport([{ environment: 'example', region: 'eu-west-1', baseline: input.baseline, estimate: estimateCost(input) }]);
    expect(report).toMatchSnapshot();
    expect(report).toContain('$294');
    expect(report).toContain('$186');
    expect(report).toContain('36.7 %');
    expect(report).toContain('50.0 % (28.6 % of cost)');
    expect(report).toContain('Prices: us-east-1 on-demand list');
    expect(report).toContain('environments run in eu-west-1');
  });
});

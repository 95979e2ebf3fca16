import { PRICE_TABLE, unitPrices, unitPricesOf, type InstancePrice } from '../../../lib/cost';

describe('price table', () => {
  test('states its region, source and date', () => {
    expect(PRICE_TABLE).toMatchObject({ region: 'us-east-1', asOf: '2026-02-09', hoursPerMonth: 730, spotDiscount: 0.6 });
    expect(PRICE_TABLE.source).toContain('zz_generated.pricing_aws.go');
  });

  test('derives per-vCPU and per-GiB prices from the reference instances (hand-computed)', () => {
    // amd64: GiB = (0.2016 - 0.1785) / 8 = 0.0028875; vCPU = (0.1785 - 8 * 0.0028875) / 4 = 0.03885
    // arm64: GiB = (0.1632 - 0.145) / 8 = 0.002275;   vCPU = (0.145 - 8 * 0.002275) / 4 = 0.0317
    const prices = unitPrices();
    expect(prices.amd64.gibHourly).toBeCloseTo(0.0028875, 10);
    expect(prices.amd64.vcpuHourly).toBeCloseTo(0.03885, 10);
    expect(prices.arm64.gibHourly).toBeCloseTo(0.002275, 10);
    expect(prices.arm64.vcpuHourly).toBeCloseTo(0.0317, 10);
  });

  test('the unit prices reproduce the reference instances', () => {
    for (const arch of ['amd64', 'arm64'] as const) {
      const p = unitPrices()[arch];
      for (const i of PRICE_TABLE.references[arch]) expect(i.vcpu * p.vcpuHourly + i.memoryGiB * p.gibHourly).toBeCloseTo(i.onDemandHourly, 10);
    }
  });

  test('Graviton is cheaper per vCPU and per GiB', () => {
    const p = unitPrices();
    expect(p.arm64.vcpuHourly).toBeLessThan(p.amd64.vcpuHourly);
    expect(p.arm64.gibHourly).toBeLessThan(p.amd64.gibHourly);
  });

  const instance = (instanceType: string, vcpu: number, memoryGiB: number, onDemandHourly: number): InstancePrice => ({ instanceType, architecture: 'amd64', vcpu, memoryGiB, onDemandHourly });

  test('fails when the references differ in vCPU count', () => {
    expect(() => unitPricesOf([instance('c7i.large', 2, 4, 0.09), instance('m7i.xlarge', 4, 16, 0.2)])).toThrow(
      'price references c7i.large/m7i.xlarge: must have the same vCPU count and different memory to derive unit prices',
    );
  });

  test('fails when the derived prices are not positive', () => {
    expect(() => unitPricesOf([instance('a', 4, 8, 0.3), instance('b', 4, 16, 0.2)])).toThrow(/^price references a\/b: derived unit prices are not positive/);
  });
});

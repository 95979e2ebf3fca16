const SUFFIX: Record<string, number> = {
  '': 1, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
  Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4, Pi: 1024 ** 5, Ei: 1024 ** 6,
};

/** A Kubernetes resource quantity (`250m`, `1.5`, `512Mi`, `2G`, `1e3`) as a number of base units. */
export function parseQuantity(value: unknown): number {
  if (typeof value === 'number') return value;
  const match = /^([+-]?[0-9.]+(?:[eE][+-]?\d+)?)(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$/.exec(String(value).trim());
  if (!match) throw new Error(`not a Kubernetes quantity: ${JSON.stringify(value)}`);
  return Number(match[1]) * SUFFIX[match[2] ?? ''];
}

/** `1.25` cores → `1250m`; bytes → `3.5Gi`: how quota messages show amounts. */
export function formatQuantity(resource: string, value: number): string {
  if (/cpu$/.test(resource)) return Number.isInteger(value) ? String(value) : `${Math.round(value * 1000)}m`;
  if (/memory$|storage$/.test(resource)) {
    for (const [unit, size] of [['Gi', 1024 ** 3], ['Mi', 1024 ** 2], ['Ki', 1024]] as const) {
      if (value >= size) return `${Math.round((value / size) * 100) / 100}${unit}`;
    }
  }
  return String(Math.round(value * 1000) / 1000);
}

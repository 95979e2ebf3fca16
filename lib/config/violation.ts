/** One broken rule in an environment's configuration. */
export interface Violation {
  /** Environment name (or `*` for a rule across environments). */
  readonly env: string;
  /** Dotted field path, e.g. `capacity.spot.maxCpu` or `namespaces[2].name`. */
  readonly path: string;
  readonly value: unknown;
  /** What the value must satisfy, phrased so the user knows the fix. */
  readonly rule: string;
}

/** `prod: capacity.spot.maxCpu = -4: must be a positive integer` */
export function formatViolation(v: Violation): string {
  return `${v.env}: ${v.path} = ${formatValue(v.value)}: ${v.rule}`;
}

function formatValue(value: unknown): string {
  if (value === undefined) return '(missing)';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const json = JSON.stringify(value);
  return json.length > 120 ? `${json.slice(0, 117)}...` : json;
}

/** Thrown when configuration is invalid; carries every violation so all are reported at once. */
export class ConfigError extends Error {
  constructor(public readonly violations: readonly Violation[]) {
    super(
      `invalid configuration (${violations.length} violation${violations.length === 1 ? '' : 's'}):\n` +
        violations.map((v) => `  ${formatViolation(v)}`).join('\n'),
    );
    this.name = 'ConfigError';
  }
}

import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

/**
 * A known violation of the sync-plan gate, accepted until it is fixed: the exact line, the date
 * it was recorded and why it is accepted. An entry that no longer occurs fails the gate, so the
 * file can only shrink as fixes land.
 */
export interface ExpectedViolation {
  readonly env: string;
  readonly line: string;
  readonly recorded: string;
  readonly reason: string;
}

export const EXPECTED_VIOLATIONS_FILE = 'scripts/plan/expected-violations.yaml';

export function readExpectedViolations(path: string): ExpectedViolation[] {
  const data = (parse(readFileSync(path, 'utf8')) ?? []) as ExpectedViolation[];
  if (!Array.isArray(data)) throw new Error(`${path}: must be a list of { env, line, recorded, reason }`);
  data.forEach((e, i) => {
    for (const field of ['env', 'line', 'recorded', 'reason'] as const) {
      if (typeof e[field] !== 'string' || e[field].trim() === '') throw new Error(`${path}: entry ${i + 1}: ${field} is required`);
    }
    if (!/^\d{4}-\d{2}-\d{2}$/.test(e.recorded)) throw new Error(`${path}: entry ${i + 1}: recorded = ${e.recorded}: must be a date YYYY-MM-DD`);
  });
  return data;
}

/** Splits found lines into unexpected and expected, and lists the expectations nothing matched. */
export function compareWithExpected(env: string, found: readonly string[], expected: readonly ExpectedViolation[]): { unexpected: string[]; expected: string[]; stale: ExpectedViolation[] } {
  const mine = expected.filter((e) => e.env === env);
  const lines = new Set(mine.map((e) => e.line));
  return {
    unexpected: found.filter((l) => !lines.has(l)),
    expected: found.filter((l) => lines.has(l)),
    stale: mine.filter((e) => !found.includes(e.line)),
  };
}

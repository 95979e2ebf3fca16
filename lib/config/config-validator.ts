import { CRON_HELP, isIanaTimeZone, parseCron, timeZoneRule } from '../schedule';
import type { Violation } from './violation';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DURATION = /^([0-9]+(s|m|h))+$/;

/**
 * Collects violations for one environment. Each check returns whether the value passed, so
 * dependent checks can be skipped instead of reporting the same root cause twice.
 */
export class ConfigValidator {
  private readonly found: Violation[] = [];
  /** Fields already reported by a shape rule (unknown key, wrong type): value rules skip them. */
  private readonly settled = new Set<string>();

  constructor(
    public readonly envName: string,
    private readonly root: unknown,
  ) {}

  get violations(): readonly Violation[] {
    return this.found;
  }

  /** Reads a dotted path (`a.b[2].c`) from the configuration. */
  get(path: string): unknown {
    let current: unknown = this.root;
    for (const part of path.replace(/\[(\d+)\]/g, '.$1').split('.')) {
      if (current === null || typeof current !== 'object') return undefined;
      current = (current as Record<string, unknown>)[part];
    }
    return current;
  }

  fail(path: string, value: unknown, rule: string): false {
    if (!this.settled.has(path)) this.found.push({ env: this.envName, path, value, rule });
    return false;
  }

  /** Reports a violation of the configuration's shape; later rules on the same field stay quiet. */
  failShape(violation: Violation): void {
    this.fail(violation.path, violation.value, violation.rule);
    this.settled.add(violation.path);
  }

  /** Fails when `condition` is false. */
  expect(condition: boolean, path: string, rule: string): boolean {
    return condition ? true : this.fail(path, this.get(path), rule);
  }

  boolean(path: string): boolean {
    const v = this.get(path);
    return typeof v === 'boolean' || this.fail(path, v, 'must be true or false');
  }

  string(path: string, opts: { pattern?: RegExp; rule?: string; maxLength?: number } = {}): boolean {
    const v = this.get(path);
    if (typeof v !== 'string' || v.length === 0) return this.fail(path, v, 'must be a non-empty string');
    if (opts.maxLength !== undefined && v.length > opts.maxLength) {
      return this.fail(path, v, `must be at most ${opts.maxLength} characters (is ${v.length})`);
    }
    if (opts.pattern && !opts.pattern.test(v)) return this.fail(path, v, opts.rule ?? `must match ${opts.pattern}`);
    return true;
  }

  dnsLabel(path: string): boolean {
    return this.string(path, {
      pattern: DNS_LABEL,
      maxLength: 63,
      rule: 'must be a DNS label: lower-case letters, digits and -, starting and ending alphanumeric',
    });
  }

  oneOf<T>(path: string, allowed: readonly T[]): boolean {
    const v = this.get(path);
    return allowed.includes(v as T) || this.fail(path, v, `must be one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`);
  }

  positiveInt(path: string): boolean {
    const v = this.get(path);
    return (Number.isInteger(v) && (v as number) > 0) || this.fail(path, v, 'must be a positive integer');
  }

  nonNegativeInt(path: string): boolean {
    const v = this.get(path);
    return (Number.isInteger(v) && (v as number) >= 0) || this.fail(path, v, 'must be an integer >= 0');
  }

  positiveNumber(path: string): boolean {
    const v = this.get(path);
    return (typeof v === 'number' && Number.isFinite(v) && v > 0) || this.fail(path, v, 'must be a positive number');
  }

  intInRange(path: string, min: number, max: number): boolean {
    const v = this.get(path);
    return (
      (Number.isInteger(v) && (v as number) >= min && (v as number) <= max) ||
      this.fail(path, v, `must be an integer from ${min} to ${max}`)
    );
  }

  /** Go-style duration of whole seconds, minutes or hours, e.g. `30s`, `1h30m`. */
  duration(path: string): boolean {
    return this.string(path, { pattern: DURATION, rule: 'must be a duration such as 30s, 5m or 720h' });
  }

  /** A duration as `duration()` that is also longer than zero. */
  positiveDuration(path: string): boolean {
    if (!this.duration(path)) return false;
    return durationSeconds(this.get(path) as string) > 0 || this.fail(path, this.get(path), 'must be longer than zero, e.g. 30s, 5m or 720h');
  }

  /** Cron expression, checked by a real parser (fields, ranges, names, steps). */
  cron(path: string): boolean {
    if (!this.string(path)) return false;
    const parsed = parseCron(this.get(path) as string);
    return 'schedule' in parsed || this.fail(path, this.get(path), `${parsed.error}; expected ${CRON_HELP}`);
  }

  /** IANA time zone of the tz database Node ships. */
  timeZone(path: string): boolean {
    if (!this.string(path)) return false;
    const v = this.get(path);
    return isIanaTimeZone(v) || this.fail(path, v, timeZoneRule(v));
  }

  /** An array; `minItems` defaults to 0. Returns the array (or undefined when invalid). */
  array(path: string, minItems = 0): readonly unknown[] | undefined {
    const v = this.get(path);
    if (!Array.isArray(v)) {
      this.fail(path, v, 'must be a list');
      return undefined;
    }
    if (v.length < minItems) {
      this.fail(path, v, `must list at least ${minItems} item${minItems === 1 ? '' : 's'}`);
      return undefined;
    }
    return v;
  }

  /** Fails for every value that appears more than once in `values` (paths given by `pathOf`). */
  unique(values: readonly unknown[], pathOf: (index: number) => string, what: string): boolean {
    const seen = new Set<string>();
    let ok = true;
    values.forEach((value, i) => {
      const key = JSON.stringify(value);
      if (seen.has(key)) ok = this.fail(pathOf(i), value, `duplicate ${what}: each must be unique`);
      seen.add(key);
    });
    return ok;
  }
}

/** Seconds of a Go-style duration of whole hours, minutes and seconds (validated by the caller). */
export function durationSeconds(text: string): number {
  const unit: Record<string, number> = { h: 3600, m: 60, s: 1 };
  let total = 0;
  for (const [, amount, u] of text.matchAll(/([0-9]+)(h|m|s)/g)) total += Number(amount) * unit[u];
  return total;
}

import { cidrRule, cronRule, dnsLabelRule, durationRule, durationSeconds, integerRule, portRule, positiveIntegerRule } from './checks';
import { isIanaTimeZone, timeZoneRule } from '../schedule';
import type { PathOf } from './config-path';
import type { Violation } from './violation';

/**
 * Collects violations for one environment. Each check returns whether the value passed, so
 * dependent checks can be skipped instead of reporting the same root cause twice.
 */
export class ConfigValidator<T = unknown> {
  private readonly found: Violation[] = [];
  /** Fields already reported by a shape rule (unknown key, wrong type): value rules skip them. */
  private readonly settled = new Set<string>();

  constructor(
    public readonly envName: string,
    private readonly root: T,
  ) {}

  get violations(): readonly Violation[] {
    return this.found;
  }

  /** Reads a dotted path (`a.b[2].c`) from the configuration. */
  get(path: PathOf<T>): unknown {
    let current: unknown = this.root;
    for (const part of path.replace(/\[(\d+)\]/g, '.$1').split('.')) {
      if (current === null || typeof current !== 'object') return undefined;
      current = (current as Record<string, unknown>)[part];
    }
    return current;
  }

  fail(path: PathOf<T>, value: unknown, rule: string): false {
    return this.record({ env: this.envName, path, value, rule });
  }

  /** Reports a violation of the configuration's shape; later rules on the same field stay quiet. */
  failShape(violation: Violation): void {
    this.record(violation);
    this.settled.add(violation.path);
  }

  /**
   * Reports a violation whose path is not a field of the configuration type (a whole component, a
   * map key found at run time); typed rules use `fail`.
   */
  record(violation: Violation): false {
    if (!this.settled.has(violation.path)) this.found.push({ ...violation, env: this.envName });
    return false;
  }

  /** Fails when `condition` is false. */
  expect(condition: boolean, path: PathOf<T>, rule: string): boolean {
    return condition ? true : this.fail(path, this.get(path), rule);
  }

  boolean(path: PathOf<T>): boolean {
    const v = this.get(path);
    return typeof v === 'boolean' || this.fail(path, v, 'must be true or false');
  }

  string(path: PathOf<T>, opts: { pattern?: RegExp; rule?: string; maxLength?: number } = {}): boolean {
    const v = this.get(path);
    if (typeof v !== 'string' || v.length === 0) return this.fail(path, v, 'must be a non-empty string');
    if (opts.maxLength !== undefined && v.length > opts.maxLength) {
      return this.fail(path, v, `must be at most ${opts.maxLength} characters (is ${v.length})`);
    }
    if (opts.pattern && !opts.pattern.test(v)) return this.fail(path, v, opts.rule ?? `must match ${opts.pattern}`);
    return true;
  }

  dnsLabel(path: PathOf<T>): boolean {
    return this.string(path) && this.rule(path, dnsLabelRule);
  }

  /** Fails with the message of a shared rule (`lib/config/checks.ts`) when it finds a problem. */
  rule(path: PathOf<T>, rule: (value: unknown) => string | undefined): boolean {
    const v = this.get(path);
    const problem = rule(v);
    return problem === undefined || this.fail(path, v, problem);
  }

  oneOf<V>(path: PathOf<T>, allowed: readonly V[]): boolean {
    const v = this.get(path);
    return allowed.includes(v as V) || this.fail(path, v, `must be one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`);
  }

  positiveInt(path: PathOf<T>): boolean {
    return this.rule(path, positiveIntegerRule);
  }

  nonNegativeInt(path: PathOf<T>): boolean {
    return this.rule(path, (v) => integerRule(v, 0));
  }

  positiveNumber(path: PathOf<T>): boolean {
    const v = this.get(path);
    return (typeof v === 'number' && Number.isFinite(v) && v > 0) || this.fail(path, v, 'must be a positive number');
  }

  intInRange(path: PathOf<T>, min: number, max: number): boolean {
    return this.rule(path, (v) => integerRule(v, min, max));
  }

  /** A TCP or UDP port, 1 to 65535. */
  port(path: PathOf<T>): boolean {
    return this.rule(path, portRule);
  }

  /** An IPv4 CIDR block with no host bits set; `example` is shown in the message. */
  cidr(path: PathOf<T>, example?: string): boolean {
    return this.string(path) && this.rule(path, (v) => cidrRule(v, example));
  }

  /** Go-style duration of whole seconds, minutes or hours, e.g. `30s`, `1h30m`. */
  duration(path: PathOf<T>): boolean {
    return this.string(path) && this.rule(path, durationRule);
  }

  /** A duration as `duration()` that is also longer than zero. */
  positiveDuration(path: PathOf<T>): boolean {
    if (!this.duration(path)) return false;
    return durationSeconds(this.get(path) as string) > 0 || this.fail(path, this.get(path), 'must be longer than zero, e.g. 30s, 5m or 720h');
  }

  /** Cron expression, checked by a real parser (fields, ranges, names, steps). */
  cron(path: PathOf<T>): boolean {
    return this.string(path) && this.rule(path, cronRule);
  }

  /** IANA time zone of the tz database Node ships. */
  timeZone(path: PathOf<T>): boolean {
    if (!this.string(path)) return false;
    const v = this.get(path);
    return isIanaTimeZone(v) || this.fail(path, v, timeZoneRule(v));
  }

  /** An array; `minItems` defaults to 0. Returns the array (or undefined when invalid). */
  array(path: PathOf<T>, minItems = 0): readonly unknown[] | undefined {
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
  unique(values: readonly unknown[], pathOf: (index: number) => PathOf<T>, what: string): boolean {
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

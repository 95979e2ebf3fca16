/**
 * The run-time shape of a typed configuration: which keys each object may have. Synth runs
 * transpile-only, so without this a misspelled key (`demoapp` for `demoApp`) would be dropped
 * silently. A shape is written as a value of `Shape<T>`, which the compiler checks against `T`
 * both ways (every key of `T` must be present, no other key may be), so it cannot drift.
 */
import type { Violation } from './violation';

/** Leaf markers: the run-time type of a value. */
export const STRING = 'string' as const;
export const NUMBER = 'number' as const;
export const BOOLEAN = 'boolean' as const;
/** A list of strings or numbers. */
export const LIST = 'list' as const;
/** A map with free-form keys (e.g. `Record<string, …>`). */
export const FREE_MAP = 'map' as const;

type Leaf = typeof STRING | typeof NUMBER | typeof BOOLEAN | typeof LIST;
type FreeMap = typeof FREE_MAP;

/** Shape of one field of type `T`: the marker of its type, or the shape of its object or list items. */
export type FieldShape<T> = T extends readonly (infer U)[]
  ? U extends object
    ? readonly [Shape<U>]
    : typeof LIST
  : T extends object
    ? string extends keyof T
      ? FreeMap
      : Shape<T>
    : T extends boolean
      ? typeof BOOLEAN
      : T extends number
        ? typeof NUMBER
        : typeof STRING;

/** Shape of an object type: every key, nothing else. */
export type Shape<T> = { readonly [K in keyof T]-?: FieldShape<T[K]> };

type AnyShape = { readonly [key: string]: Leaf | FreeMap | readonly [AnyShape] | AnyShape };

const LEAF_RULE: Record<Leaf, { test: (v: unknown) => boolean; rule: string }> = {
  string: { test: (v) => typeof v === 'string', rule: 'must be a string' },
  number: { test: (v) => typeof v === 'number' && Number.isFinite(v), rule: 'must be a number' },
  boolean: { test: (v) => typeof v === 'boolean', rule: 'must be true or false' },
  list: { test: (v) => Array.isArray(v) && v.every((i) => typeof i === 'string' || typeof i === 'number'), rule: 'must be a list of values' },
};

/**
 * Violations for values whose run-time type is not the one the shape declares (a string where a
 * number belongs, `'yes'` for a flag). Missing values are left to the rules that check values.
 */
export function wrongTypes(env: string, value: unknown, shape: object, path = ''): Violation[] {
  const found: Violation[] = [];
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return found;
  for (const [key, field] of Object.entries(shape as AnyShape)) {
    const at = path ? `${path}.${key}` : key;
    const child = (value as Record<string, unknown>)[key];
    if (child === undefined || field === FREE_MAP) continue;
    if (typeof field === 'string') {
      if (!LEAF_RULE[field].test(child)) found.push({ env, path: at, value: child, rule: LEAF_RULE[field].rule });
    } else if (Array.isArray(field)) {
      if (!Array.isArray(child)) found.push({ env, path: at, value: child, rule: 'must be a list' });
      else child.forEach((item, i) => found.push(...wrongTypes(env, item, field[0] as AnyShape, `${at}[${i}]`)));
    } else {
      found.push(...wrongTypes(env, child, field, at));
    }
  }
  return found;
}

/**
 * Violations for keys of `value` its `shape` does not know, each with the closest known key as
 * a suggestion. Values of the wrong type are left to the rules that check values.
 */
export function unknownKeys(env: string, value: unknown, shape: object, path = ''): Violation[] {
  const found: Violation[] = [];
  walk(env, value, shape as AnyShape, path, found);
  return found;
}

/**
 * Violations for whole sections (objects of the shape) that `value` lacks or gives as something
 * other than an object; missing single values are left to the rules that check values.
 */
export function missingSections(env: string, value: unknown, shape: object, path = ''): Violation[] {
  const found: Violation[] = [];
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return found;
  for (const [key, field] of Object.entries(shape as AnyShape)) {
    if (typeof field === 'string' || Array.isArray(field)) continue;
    const at = path ? `${path}.${key}` : key;
    const child = (value as Record<string, unknown>)[key];
    if (child === null || typeof child !== 'object' || Array.isArray(child)) {
      found.push({ env, path: at, value: child, rule: `must be a section with ${Object.keys(field).join(', ')} (see environments/defaults.ts)` });
    } else {
      found.push(...missingSections(env, child, field, at));
    }
  }
  return found;
}

function walk(env: string, value: unknown, shape: AnyShape, path: string, found: Violation[]): void {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return;
  const known = Object.keys(shape);
  for (const [key, child] of Object.entries(value)) {
    const at = path ? `${path}.${key}` : key;
    const field = shape[key];
    // Methods are behaviour attached to a configuration object, not configuration.
    if (typeof child === 'function') continue;
    if (field === undefined || !Object.prototype.hasOwnProperty.call(shape, key)) {
      const close = closest(key, known);
      const where = path ? `${path}` : 'the environment';
      found.push({
        env,
        path: at,
        value: child,
        rule: `unknown key${close ? `; did you mean ${path ? `${path}.` : ''}${close}?` : ''} (${where} has ${known.join(', ')})`,
      });
      continue;
    }
    if (typeof field === 'string') continue;
    if (Array.isArray(field)) {
      if (Array.isArray(child)) child.forEach((item, i) => walk(env, item, field[0] as AnyShape, `${at}[${i}]`, found));
      continue;
    }
    walk(env, child, field as AnyShape, at, found);
  }
}

/** The known key most like `key` (same letters in another case, or a few edits away). */
export function closest(key: string, known: readonly string[]): string | undefined {
  const lower = key.toLowerCase();
  const sameCase = known.find((k) => k.toLowerCase() === lower);
  if (sameCase) return sameCase;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const d = editDistance(lower, candidate.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  // Close enough to be a typo: at most a third of the letters wrong.
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(key.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

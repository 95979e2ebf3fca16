import { Document, stringify } from 'yaml';

// YAML 1.1 output quotes yes/no/on/off, which Kubernetes' YAML 1.1 reader would take for booleans.
export const YAML_OPTIONS = { lineWidth: 0, aliasDuplicateObjects: false, version: '1.1' } as const;

/**
 * `stringify(value, YAML_OPTIONS)` from the `yaml` package, byte for byte, several times faster
 * for plain JSON-like data: block maps and sequences are laid out here, and every scalar that is
 * not a plain identifier-like string is rendered by `yaml` itself (once per distinct string) and
 * re-indented. Anything outside that subset falls back to `yaml` for the whole document.
 */
export function toYaml(value: unknown): string {
  try {
    if (isNonEmptyMap(value)) return `${blockMap(value, '')}\n`;
    if (Array.isArray(value) && value.length > 0) return `${blockSeq(value, '')}\n`;
  } catch (error) {
    if (!(error instanceof NotPlainData)) throw error;
  }
  return stringify(value, YAML_OPTIONS);
}

/** Thrown for values this renderer leaves to `yaml` (class instances, undefined in arrays, …). */
class NotPlainData extends Error {}

// One step of indentation, as `yaml` indents block collections by default.
const STEP = '  ';

function blockMap(map: Record<string, unknown>, indent: string): string {
  const childIndent = indent + STEP;
  let out = '';
  for (const key of Object.keys(map)) {
    const value = map[key];
    // `yaml` drops pairs whose value is undefined.
    if (value === undefined) continue;
    out += `${out ? `\n${indent}` : ''}${keyText(key)}:${valueAfterKey(value, childIndent)}`;
  }
  return out;
}

function blockSeq(items: readonly unknown[], indent: string): string {
  const childIndent = indent + STEP;
  let out = '';
  for (const item of items) {
    out += `${out ? `\n${indent}` : ''}- ${itemText(item, childIndent)}`;
  }
  return out;
}

function valueAfterKey(value: unknown, indent: string): string {
  if (isNonEmptyMap(value)) return `\n${indent}${blockMap(value, indent)}`;
  if (Array.isArray(value)) return value.length > 0 ? `\n${indent}${blockSeq(value, indent)}` : ' []';
  if (isPlainObject(value)) return ' {}';
  return ` ${scalarText(value, indent)}`;
}

function itemText(item: unknown, indent: string): string {
  if (isNonEmptyMap(item)) return blockMap(item, indent);
  if (Array.isArray(item)) return item.length > 0 ? blockSeq(item, indent) : '[]';
  if (isPlainObject(item)) return '{}';
  if (item === undefined) throw new NotPlainData();
  return scalarText(item, indent);
}

/** A scalar as a map value or sequence item whose continuation lines are indented by `indent`. */
function scalarText(value: unknown, indent: string): string {
  if (typeof value === 'string') {
    const text = stringText(value);
    // Rendered at the first level, where continuation lines carry exactly one STEP.
    return indent === STEP || !text.includes('\n') ? text : text.replace(/\n {2}/g, `\n${indent}`);
  }
  if (value === null) return 'null';
  if (value === true) return 'true';
  if (value === false) return 'false';
  if (typeof value === 'number' && Number.isFinite(value)) return Object.is(value, -0) ? '-0' : JSON.stringify(value);
  throw new NotPlainData();
}

const stringCache = new Map<string, string>();
const keyCache = new Map<string, string>();
const CACHE_LIMIT = 200_000;

function stringText(value: string): string {
  let text = stringCache.get(value);
  if (text === undefined) {
    if (isPlainSafe(value)) text = value;
    else {
      const rendered = stringify({ k: value }, YAML_OPTIONS);
      text = rendered.slice(3, -1);
      // Keep-chomping block scalars (`|+`) interact with what follows them: leave those to `yaml`.
      if (!rendered.startsWith('k: ') || /^[|>]\d?\+/.test(text)) throw new NotPlainData();
    }
    remember(stringCache, value, text);
  }
  return text;
}

function keyText(key: string): string {
  let text = keyCache.get(key);
  if (text === undefined) {
    if (isPlainSafe(key)) text = key;
    else {
      // Keys that look like document markers are quoted at the top level only: leave them to `yaml`.
      if (/^(%|---|\.\.\.)/m.test(key)) throw new NotPlainData();
      const rendered = stringify({ [key]: 0 }, YAML_OPTIONS);
      text = rendered.slice(0, -4);
      if (!rendered.endsWith(': 0\n') || text.startsWith('? ') || text.includes('\n')) throw new NotPlainData();
    }
    remember(keyCache, key, text);
  }
  return text;
}

function remember(cache: Map<string, string>, key: string, text: string): void {
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, text);
}

// Letters first, then only characters that are never YAML indicators inside a plain scalar.
const IDENTIFIER_LIKE = /^[A-Za-z][A-Za-z0-9_./:=@+-]*$/;
// The implicit types of the YAML 1.1 schema (bool, null, int, float, timestamp…), as `yaml` resolves
// them: a plain string one of them would match must be quoted.
const IMPLICIT_TYPES = new Document(null, YAML_OPTIONS).schema.tags.filter(
  (tag): tag is typeof tag & { test: RegExp } => Boolean(tag.default) && tag.tag !== 'tag:yaml.org,2002:str' && tag.test instanceof RegExp,
);

/** True when `yaml` writes `value` as is, unquoted, as a block map key or value. */
function isPlainSafe(value: string): boolean {
  return IDENTIFIER_LIKE.test(value) && !value.endsWith(':') && !IMPLICIT_TYPES.some((tag) => tag.test.test(value));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  if (proto === Object.prototype || proto === null) return true;
  throw new NotPlainData();
}

function isNonEmptyMap(value: unknown): value is Record<string, unknown> {
  if (!isPlainObject(value)) return false;
  for (const key in value) if (value[key] !== undefined) return true;
  return false;
}

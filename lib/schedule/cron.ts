/**
 * A parser for the five-field cron expressions Kubernetes CronJobs, KEDA's cron scaler and
 * Karpenter's disruption budgets accept (all three use robfig/cron's standard parser): minute,
 * hour, day of month, month, day of week; each field a list of `*`, values, ranges `a-b` and steps
 * (`*\/n`, `a-b/n`, `a/n`), with month and weekday names; `?` in the day fields; and the
 * descriptors `@yearly`, `@annually`, `@monthly`, `@weekly`, `@daily`, `@midnight`, `@hourly`.
 */

interface CronField {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
  /** Whether `?` (any) is allowed. */
  readonly any?: boolean;
}

const FIELDS: readonly CronField[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31, any: true },
  { name: 'month', min: 1, max: 12, names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] },
  { name: 'day of week', min: 0, max: 6, names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'], any: true },
];

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const DESCRIPTORS = ['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly'];

// Characters people paste from documents in place of ASCII ones.
const LOOKALIKES: Readonly<Record<string, string>> = {
  '\u2010': '-', '\u2011': '-', '\u2012': '-', '\u2013': '-', '\u2014': '-', '\u2212': '-',
  '\u2215': '/', '\u2044': '/', '\uff0a': '*', '\u2217': '*', '\u201a': ',', '\uff0c': ',',
  '\u00a0': ' ', '\u2007': ' ', '\u202f': ' ', '\u2009': ' ',
};

/** What a valid expression looks like, for messages. */
export const CRON_HELP =
  'a five-field cron "minute hour day-of-month month day-of-week" such as "0 8 * * 1-5" (minute 0-59, hour 0-23, day 1-31, month 1-12 or JAN-DEC, ' +
  'weekday 0-6 or SUN-SAT; lists a,b, ranges a-b, steps */n) or a descriptor such as @daily';

/** The values each field matches, by field name. */
export type CronSchedule = Readonly<Record<string, readonly number[]>>;

/** Parses `text`; returns the schedule, or the first problem as a sentence. */
export function parseCron(text: string): { readonly schedule: CronSchedule } | { readonly error: string } {
  if (typeof text !== 'string') return { error: `is not a string` };
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code > 0x7e || (code < 0x20 && char !== '\t')) {
      const ascii = LOOKALIKES[char];
      const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
      return { error: ascii ? `contains '${char}' (${hex}), a look-alike of '${ascii}': type the ASCII '${ascii}'` : `contains '${char}' (${hex}), which cron does not accept` };
    }
  }
  const trimmed = text.trim();
  if (trimmed.startsWith('@')) {
    return DESCRIPTORS.includes(trimmed) ? { schedule: {} } : { error: `${trimmed} is not a descriptor; use one of ${DESCRIPTORS.join(', ')}` };
  }
  if (/^(CRON_)?TZ=/.test(trimmed)) return { error: 'must not carry a TZ= prefix: set the time zone field instead' };
  const parts = trimmed.split(/[ \t]+/).filter(Boolean);
  if (parts.length !== 5) return { error: `has ${parts.length} field${parts.length === 1 ? '' : 's'}; needs exactly 5 (minute hour day-of-month month day-of-week)` };
  const schedule: Record<string, number[]> = {};
  for (let i = 0; i < 5; i++) {
    const parsed = parseField(parts[i], FIELDS[i]);
    if ('error' in parsed) return parsed;
    schedule[FIELDS[i].name] = parsed.values;
  }
  // With any weekday, the days of the month alone decide: 30 February never comes.
  if (/^[*?]$/.test(parts[4])) {
    const longest = Math.max(...schedule.month.map((m) => DAYS_IN_MONTH[m - 1]));
    if (schedule['day of month'][0] > longest) return { error: `never runs: no month in '${parts[3]}' has day ${schedule['day of month'][0]}` };
  }
  return { schedule };
}

function parseField(text: string, field: CronField): { values: number[] } | { error: string } {
  const values = new Set<number>();
  const where = `${field.name} field '${text}'`;
  for (const item of text.split(',')) {
    if (item === '') return { error: `${where} has an empty list item` };
    const [rangeText, stepText, extra] = item.split('/');
    if (extra !== undefined) return { error: `${where}: '${item}' has more than one '/'` };
    let step = 1;
    if (stepText !== undefined) {
      if (!/^\d+$/.test(stepText) || Number(stepText) === 0) return { error: `${where}: step '${stepText}' must be a positive whole number` };
      step = Number(stepText);
      if (step > field.max - field.min + 1) return { error: `${where}: step ${step} is larger than the ${field.name} range ${field.min}-${field.max}` };
    }
    let low: number;
    let high: number;
    if (rangeText === '*' || (rangeText === '?' && field.any)) {
      if (rangeText === '?' && stepText !== undefined) return { error: `${where}: '?' takes no step` };
      low = field.min;
      high = field.max;
    } else if (rangeText === '?') {
      return { error: `${where}: '?' is allowed only in the day-of-month and day-of-week fields` };
    } else {
      const bounds = rangeText.split('-');
      if (bounds.length > 2 || bounds.some((b) => b === '')) return { error: `${where}: '${rangeText}' is not a value or a range a-b` };
      const parsed = bounds.map((b) => value(b, field));
      const bad = parsed.find((p): p is { error: string } => typeof p !== 'number');
      if (bad) return { error: `${where}: ${bad.error}` };
      low = parsed[0] as number;
      // `a/n` runs from a to the end of the range.
      high = bounds.length === 2 ? (parsed[1] as number) : stepText !== undefined ? field.max : low;
      if (low > high) return { error: `${where}: range ${rangeText} runs backwards (${low} > ${high})` };
    }
    for (let v = low; v <= high; v += step) values.add(v);
  }
  return { values: [...values].sort((a, b) => a - b) };
}

function value(text: string, field: CronField): number | { error: string } {
  const allowed = `${field.min}-${field.max}${field.names ? ` or ${field.names[0]}-${field.names[field.names.length - 1]}` : ''}`;
  if (/^\d+$/.test(text)) {
    const n = Number(text);
    return n >= field.min && n <= field.max ? n : { error: `${n} is out of range (${field.name} is ${allowed})` };
  }
  const index = field.names?.indexOf(text.toUpperCase()) ?? -1;
  if (index >= 0) return index + (field.name === 'month' ? 1 : 0);
  return { error: `'${text}' is not a ${field.name} (${allowed})` };
}

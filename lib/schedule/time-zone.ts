/**
 * IANA time zones as the tz database Node ships knows them: canonical names from
 * `Intl.supportedValuesOf('timeZone')`, plus the aliases (`UTC`, `Etc/UTC`, `US/Pacific`, …) that
 * `Intl.DateTimeFormat` resolves. Abbreviations and offsets (`CET`, `GMT+1`, `+01:00`) are refused:
 * Kubernetes and KEDA want tz database names.
 */
let canonical: ReadonlySet<string> | undefined;

/** Whether `zone` is a time zone name of the tz database. */
export function isIanaTimeZone(zone: unknown): boolean {
  if (typeof zone !== 'string' || zone === '' || zone !== zone.trim()) return false;
  canonical ??= new Set(Intl.supportedValuesOf('timeZone'));
  if (canonical.has(zone)) return true;
  // Aliases: only names of the tz database shape (Area/Location or the bare UTC family), so that
  // offsets and abbreviations the ICU parser would accept are still refused.
  if (!/^(UTC|UCT|GMT|Etc\/[A-Za-z0-9+-]+|[A-Z][A-Za-z_-]+(\/[A-Za-z0-9_+-]+)+)$/.test(zone)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** A few valid names for messages. */
export const TIME_ZONE_HELP = 'an IANA time zone of the tz database such as Europe/Dublin, America/New_York or UTC';

/** The tz database name closest to `zone` by spelling, for "did you mean". */
function closestTimeZone(zone: string): string | undefined {
  canonical ??= new Set(Intl.supportedValuesOf('timeZone'));
  const lower = zone.toLowerCase();
  return [...canonical, 'UTC'].find((z) => z.toLowerCase() === lower || z.toLowerCase().replace(/ /g, '_') === lower.replace(/ /g, '_'));
}

/** Throws `<owner>: <field> = "<zone>": …` when `zone` is not a tz database name. */
export function assertTimeZone(owner: string, field: string, zone: string): void {
  if (!isIanaTimeZone(zone)) throw new Error(`${owner}: ${field} = ${JSON.stringify(zone)}: ${timeZoneRule(zone)}`);
}

/** The rule sentence for a bad zone. */
export function timeZoneRule(zone: unknown): string {
  const close = typeof zone === 'string' ? closestTimeZone(zone) : undefined;
  return `must be ${TIME_ZONE_HELP}${close && close !== zone ? ` (did you mean ${close}?)` : ''}`;
}

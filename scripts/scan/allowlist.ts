import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { Finding } from './finding';

/** A justified exception to one scanner check for one target. */
export interface AllowlistEntry {
  readonly scanner: Finding['scanner'];
  readonly check: string;
  /** `env:target`; `*` as env matches every environment. */
  readonly target: string;
  readonly reason: string;
  /** ISO date (YYYY-MM-DD) after which the entry fails the scan: exceptions are revisited. */
  readonly expires: string;
}

export interface AllowlistResult {
  readonly remaining: Finding[];
  readonly allowed: Finding[];
  /** Problems with the allowlist itself: malformed, expired or unused entries. */
  readonly problems: string[];
}

export function loadAllowlist(path: string): AllowlistEntry[] {
  const entries = parse(readFileSync(path, 'utf8')) ?? [];
  if (!Array.isArray(entries)) throw new Error(`${path}: must be a YAML list of entries`);
  return entries as AllowlistEntry[];
}

function matches(entry: AllowlistEntry, f: Finding): boolean {
  const [env, ...rest] = entry.target.split(':');
  return entry.scanner === f.scanner && entry.check === f.check && (env === '*' || env === f.env) && rest.join(':') === f.target;
}

/**
 * Applies the allowlist to `findings`. An entry that is malformed, past its expiry date, or matches
 * no finding is a problem: stale exceptions must not linger.
 */
export function applyAllowlist(findings: readonly Finding[], entries: readonly AllowlistEntry[], today: string, scannersRun: ReadonlySet<string>): AllowlistResult {
  const problems: string[] = [];
  const used = new Set<number>();
  entries.forEach((e, i) => {
    for (const field of ['scanner', 'check', 'target', 'reason', 'expires'] as const) {
      if (typeof e[field] !== 'string' || e[field].trim() === '') problems.push(`allowlist entry ${i + 1}: ${field} is required`);
    }
    if (typeof e.expires === 'string' && !/^\d{4}-\d{2}-\d{2}$/.test(e.expires)) problems.push(`allowlist entry ${i + 1}: expires = ${e.expires}: must be YYYY-MM-DD`);
    else if (typeof e.expires === 'string' && e.expires < today) problems.push(`allowlist entry ${i + 1} (${e.scanner} ${e.check} ${e.target}) expired on ${e.expires}: fix the finding or renew with a reason`);
  });
  const remaining: Finding[] = [];
  const allowed: Finding[] = [];
  for (const f of findings) {
    const i = entries.findIndex((e) => matches(e, f));
    if (i >= 0) {
      used.add(i);
      allowed.push(f);
    } else remaining.push(f);
  }
  entries.forEach((e, i) => {
    if (!used.has(i) && scannersRun.has(e.scanner)) problems.push(`allowlist entry ${i + 1} (${e.scanner} ${e.check} ${e.target}) matches no finding: remove it`);
  });
  return { remaining, allowed, problems };
}

import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { Finding } from './finding';

/** A justified exception to one scanner check for one target. */
export interface AllowlistEntry {
  readonly scanner: Finding['scanner'];
  readonly check: string;
  /**
   * `env:target`. `*` as env matches every environment; `*` inside the name part (the last
   * `/` segment of `Kind/namespace/name`, or what follows the type of a Terraform address)
   * matches any characters, e.g. `*:StatefulSet/data/*`.
   */
  readonly target: string;
  readonly reason: string;
  /** ISO date (YYYY-MM-DD), at most 6 months ahead, after which the entry fails the scan. */
  readonly expires: string;
}

export interface AllowlistResult {
  readonly remaining: Finding[];
  readonly allowed: Finding[];
  /** Problems with the allowlist itself: malformed, expired or unused entries. */
  readonly problems: string[];
}

const SCANNERS: readonly Finding['scanner'][] = ['kube-score', 'kube-linter', 'polaris', 'checkov'];
/** Exceptions are reviewed at least this often. */
const MAX_ALLOWLIST_MONTHS = 6;

const FIELDS = ['scanner', 'check', 'target', 'reason', 'expires'] as const;
const ENV = /^(\*|[a-z0-9]([-a-z0-9]*[a-z0-9])?)$/;

export function loadAllowlist(path: string): AllowlistEntry[] {
  const entries = parse(readFileSync(path, 'utf8')) ?? [];
  if (!Array.isArray(entries)) throw new Error(`${path}: must be a YAML list of entries`);
  return entries as AllowlistEntry[];
}

/** `YYYY-MM-DD` plus `months`, clamped to the end of the month (2026-08-31 + 6 → 2027-02-28). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const last = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m - 1 + months, Math.min(d, last))).toISOString().slice(0, 10);
}

function isCalendarDate(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && new Date(`${text}T00:00:00Z`).toISOString().slice(0, 10) === text;
}

// Kubernetes: Kind/name or Kind/namespace/name; Terraform: type.name. `*` only in the name.
const KUBERNETES_TARGET = /^([^/*:]+\/(?:[^/*:]+\/)?)([^/:]+)$/;
const TERRAFORM_TARGET = /^([^/*:.]+\.)([^/:]+)$/;

/** Splits `env:target` into env, the fixed prefix and the name part; undefined when malformed. */
function splitTarget(target: string): { env: string; prefix: string; name: string } | undefined {
  const colon = target.indexOf(':');
  const env = target.slice(0, colon);
  const rest = target.slice(colon + 1);
  const match = KUBERNETES_TARGET.exec(rest) ?? TERRAFORM_TARGET.exec(rest);
  if (colon < 0 || !ENV.test(env) || !match) return undefined;
  return { env, prefix: match[1], name: match[2] };
}

function entryProblems(e: AllowlistEntry, label: string, today: string): string[] {
  const problems: string[] = [];
  for (const field of FIELDS) {
    if (typeof e?.[field] !== 'string' || e[field].trim() === '') problems.push(`${label}: ${field} is required`);
  }
  if (problems.length > 0) return problems;
  if (!SCANNERS.includes(e.scanner)) problems.push(`${label}: scanner = ${e.scanner}: must be one of ${SCANNERS.join(', ')}`);
  if (!splitTarget(e.target)) {
    problems.push(`${label}: target = ${e.target}: must be env:Kind/namespace/name, env:Kind/name or env:terraform.address; '*' only as the env or in the name`);
  }
  if (!isCalendarDate(e.expires)) problems.push(`${label}: expires = ${e.expires}: must be a date YYYY-MM-DD`);
  else if (e.expires < today) problems.push(`${label} expired on ${e.expires}: fix the finding or renew the entry with a reason`);
  else if (e.expires > addMonths(today, MAX_ALLOWLIST_MONTHS)) problems.push(`${label}: expires = ${e.expires}: must be at most ${MAX_ALLOWLIST_MONTHS} months ahead (${addMonths(today, MAX_ALLOWLIST_MONTHS)})`);
  return problems;
}

function matcher(entry: AllowlistEntry): (f: Finding) => boolean {
  const parts = splitTarget(entry.target)!;
  const name = new RegExp(`^${parts.name.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return (f) =>
    entry.scanner === f.scanner &&
    entry.check === f.check &&
    (parts.env === '*' || parts.env === f.env) &&
    f.target.startsWith(parts.prefix) &&
    name.test(f.target.slice(parts.prefix.length));
}

/**
 * Applies the allowlist to `findings`. An entry that is malformed, past its expiry date, dated
 * too far ahead, or matches no finding of a scanner that ran is a problem: stale exceptions must
 * not linger. Malformed entries match nothing.
 */
export function applyAllowlist(findings: readonly Finding[], entries: readonly AllowlistEntry[], today: string, scannersRun: ReadonlySet<string>): AllowlistResult {
  const problems: string[] = [];
  const label = (e: AllowlistEntry, i: number) => `allowlist entry ${i + 1}${typeof e?.target === 'string' ? ` (${e.scanner} ${e.check} ${e.target})` : ''}`;
  const usable: { index: number; matches: (f: Finding) => boolean }[] = [];
  entries.forEach((e, i) => {
    const found = entryProblems(e, label(e, i), today);
    problems.push(...found);
    // An expired entry still matches, so its findings are not reported twice.
    if (found.every((p) => p.includes(' expired on '))) usable.push({ index: i, matches: matcher(e) });
  });
  const used = new Set<number>();
  const remaining: Finding[] = [];
  const allowed: Finding[] = [];
  for (const f of findings) {
    const entry = usable.find((u) => u.matches(f));
    if (entry) {
      used.add(entry.index);
      allowed.push(f);
    } else remaining.push(f);
  }
  for (const { index } of usable) {
    const e = entries[index];
    if (!used.has(index) && scannersRun.has(e.scanner)) problems.push(`${label(e, index)} matches no finding: remove it`);
  }
  return { remaining, allowed, problems };
}

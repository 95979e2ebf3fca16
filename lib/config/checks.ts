/**
 * Value rules shared by the configuration validator and the constructs, so a rule such as "a DNS
 * label" or "a port" is written once. Each rule returns what is wrong (a message that completes
 * `<field> = <value>: …`) or undefined when the value is fine; `assertRule` turns one into a
 * construct's error.
 */
import { CRON_HELP, parseCron } from '../schedule/cron';
import { parseCidr } from './cidr';

/** RFC 1123 DNS label (namespaces, most Kubernetes names, Helm release names): 63 characters at most. */
export const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Go-style duration of whole hours, minutes and seconds: `30s`, `1h30m`, `720h`. */
export const GO_DURATION = /^([0-9]+(s|m|h))+$/;

/** Whether `value` is a DNS label of at most `maxLength` (63) characters. */
export function isDnsLabel(value: unknown, maxLength = 63): value is string {
  return typeof value === 'string' && value.length <= maxLength && DNS_LABEL.test(value);
}

/** A DNS label of at most `maxLength` (63) characters. */
export function dnsLabelRule(value: unknown, maxLength = 63): string | undefined {
  if (isDnsLabel(value, maxLength)) return undefined;
  if (typeof value === 'string' && value.length > maxLength) return `must be at most ${maxLength} characters (is ${value.length})`;
  return 'must be a DNS label: lower-case letters, digits and -, starting and ending alphanumeric';
}

/**
 * An integer within the bounds given: `from min to max`, `>= min`, `<= max`, or any integer. The
 * message names exactly the bounds that apply.
 */
export function integerRule(value: unknown, min?: number, max?: number): string | undefined {
  if (Number.isInteger(value) && (min === undefined || (value as number) >= min) && (max === undefined || (value as number) <= max)) return undefined;
  if (min !== undefined && max !== undefined) return `must be an integer from ${min} to ${max}`;
  if (min !== undefined) return `must be an integer >= ${min}`;
  if (max !== undefined) return `must be an integer <= ${max}`;
  return 'must be an integer';
}

/** An integer of at least 1. */
export function positiveIntegerRule(value: unknown): string | undefined {
  return Number.isInteger(value) && (value as number) > 0 ? undefined : 'must be a positive integer';
}

/** A TCP or UDP port number, 1 to 65535. */
export function portRule(value: unknown): string | undefined {
  return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 65535 ? undefined : 'must be a port from 1 to 65535';
}

/** A Go-style duration of whole seconds, minutes or hours (`30s`, `5m`, `1h30m`, `720h`). */
export function durationRule(value: unknown): string | undefined {
  return typeof value === 'string' && GO_DURATION.test(value) ? undefined : 'must be a duration such as 30s, 5m or 720h';
}

/** Seconds of a Go-style duration of whole hours, minutes and seconds (validated by `durationRule`). */
export function durationSeconds(text: string): number {
  const unit: Record<string, number> = { h: 3600, m: 60, s: 1 };
  let total = 0;
  for (const [, amount, u] of text.matchAll(/([0-9]+)(h|m|s)/g)) total += Number(amount) * unit[u];
  return total;
}

/** A five-field cron expression (or descriptor), checked by the cron parser: says what is wrong and what is allowed. */
export function cronRule(value: unknown): string | undefined {
  if (typeof value !== 'string') return `must be a cron expression; expected ${CRON_HELP}`;
  const parsed = parseCron(value);
  return 'error' in parsed ? `${parsed.error}; expected ${CRON_HELP}` : undefined;
}

/** An IPv4 CIDR block with no host bits set; `example` is shown in the message. */
export function cidrRule(value: unknown, example = '10.0.0.0/16'): string | undefined {
  return typeof value === 'string' && parseCidr(value) ? undefined : `must be an IPv4 CIDR with no host bits set, e.g. ${example}`;
}

// A registry host, optionally with a port: no scheme, no path.
const REGISTRY_HOST = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*(:\d+)?$/;

/** An image registry host such as `public.ecr.aws` or `registry.example.com:5000`: no scheme, no path. */
export function registryHostRule(value: unknown): string | undefined {
  return typeof value === 'string' && REGISTRY_HOST.test(value) ? undefined : 'must be a registry host without scheme or path, e.g. public.ecr.aws';
}

/** Throws `<owner>: <field> = <value>: <problem>` when `problem` (a rule's answer) is defined. */
export function assertRule(owner: string, field: string, value: unknown, problem: string | undefined): void {
  if (problem !== undefined) throw new Error(`${owner}: ${field} = ${typeof value === 'string' ? JSON.stringify(value) : String(value)}: ${problem}`);
}

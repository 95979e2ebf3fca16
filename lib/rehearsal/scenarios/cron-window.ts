/** The pure parts of the scale-to-zero scenario: a KEDA cron window on the rehearsal's clock. */

/** A cron window the rehearsal can wait for: cron expressions and the instants they mean. */
export interface CronWindow {
  /** Five-field cron, in the trigger's time zone, at which the window opens. */
  readonly start: string;
  /** Five-field cron at which it closes. */
  readonly end: string;
  readonly opensAt: Date;
  readonly closesAt: Date;
}

/** Minute and hour of `at` on the wall clock of `timeZone` (an IANA name); throws on an unknown zone. */
export function wallClock(at: Date, timeZone: string): { readonly minute: number; readonly hour: number } {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  } catch {
    throw new Error(`timezone ${JSON.stringify(timeZone)}: not an IANA time zone the rehearsal knows`);
  }
  const parts = Object.fromEntries(format.formatToParts(at).map((p) => [p.type, p.value]));
  return { minute: Number(parts.minute), hour: Number(parts.hour) };
}

/**
 * A daily window of `lengthMinutes` opening at the first whole minute at least `leadSeconds` after
 * `now`, written as cron expressions on the wall clock of `timeZone` (the trigger's own zone, so
 * the platform's time zone handling is what runs). KEDA's cron trigger is active between a start
 * and the next end, so the target is outside the window until `opensAt` and again after `closesAt`.
 */
export function shiftedCronWindow(now: Date, timeZone: string, leadSeconds: number, lengthMinutes: number): CronWindow {
  if (!(Number.isFinite(leadSeconds) && leadSeconds >= 0)) throw new Error(`leadSeconds ${leadSeconds}: must be a number of seconds >= 0`);
  if (!(Number.isInteger(lengthMinutes) && lengthMinutes >= 1 && lengthMinutes < 24 * 60)) {
    throw new Error(`lengthMinutes ${lengthMinutes}: must be a whole number of minutes from 1 to ${24 * 60 - 1} (a daily window)`);
  }
  const minuteMs = 60_000;
  const opensAt = new Date(Math.ceil((now.getTime() + leadSeconds * 1000) / minuteMs) * minuteMs);
  const closesAt = new Date(opensAt.getTime() + lengthMinutes * minuteMs);
  const cron = (at: Date) => {
    const { minute, hour } = wallClock(at, timeZone);
    return `${minute} ${hour} * * *`;
  };
  return { start: cron(opensAt), end: cron(closesAt), opensAt, closesAt };
}

/** One trigger of a ScaledObject. */
export interface KedaTrigger {
  readonly type: string;
  readonly name?: string;
  readonly metadata?: Record<string, string>;
  readonly [other: string]: unknown;
}

/** The ScaledObject's cron trigger; throws when it has none (nothing runs on a clock). */
export function cronTriggerOf(scaledObject: any): KedaTrigger {
  const triggers = (scaledObject?.spec?.triggers ?? []) as KedaTrigger[];
  const cron = triggers.find((t) => t.type === 'cron');
  if (!cron) {
    throw new Error(`ScaledObject ${scaledObject?.metadata?.namespace ?? '?'}/${scaledObject?.metadata?.name ?? '?'}: spec.triggers has no cron trigger (types: ${triggers.map((t) => t.type).join(', ') || 'none'}): nothing scales it on a clock`);
  }
  return cron;
}

/** Trigger types the rehearsal can serve: the clock, and Prometheus through its stand-in. */
export const SERVED_TRIGGER_TYPES = ['cron', 'prometheus'] as const;

/**
 * The ScaledObject's triggers for the rehearsal: the cron trigger on `window`, each Prometheus
 * trigger pointed at `prometheusAddress` (the stand-in), every other trigger left out (it needs
 * something the rehearsal does not have, e.g. AWS for `aws-sqs-queue`); returns what it left out.
 * `desiredReplicas` replaces the cron trigger's (to make its HPA scale beyond the first replica).
 */
export function triggersForRehearsal(scaledObject: any, window: CronWindow, prometheusAddress: string, desiredReplicas?: number): { triggers: KedaTrigger[]; leftOut: KedaTrigger[] } {
  cronTriggerOf(scaledObject);
  if (desiredReplicas !== undefined && !(Number.isInteger(desiredReplicas) && desiredReplicas >= 1)) throw new Error(`desiredReplicas ${desiredReplicas}: must be a whole number >= 1`);
  const all = (scaledObject.spec.triggers ?? []) as KedaTrigger[];
  const triggers = all.flatMap((t): KedaTrigger[] => {
    if (t.type === 'cron') return [{ ...t, metadata: { ...t.metadata, start: window.start, end: window.end, ...(desiredReplicas !== undefined ? { desiredReplicas: String(desiredReplicas) } : {}) } }];
    if (t.type === 'prometheus') return [{ ...t, metadata: { ...t.metadata, serverAddress: prometheusAddress } }];
    return [];
  });
  return { triggers, leftOut: all.filter((t) => !(SERVED_TRIGGER_TYPES as readonly string[]).includes(t.type)) };
}

import { Duration } from 'cdk8s';

const PART = /([0-9]+)(h|m|s)/g;
const WHOLE = /^([0-9]+(h|m|s))+$/;
const SECONDS = { h: 3600, m: 60, s: 1 } as const;

/** Parses a Go-style duration of whole hours, minutes and seconds (`720h`, `1h30m`, `30s`). */
export function parseGoDuration(text: string): Duration {
  if (!WHOLE.test(text)) throw new Error(`duration ${JSON.stringify(text)}: must be whole hours, minutes or seconds such as 30s, 5m or 720h`);
  let seconds = 0;
  for (const [, amount, unit] of text.matchAll(PART)) seconds += Number(amount) * SECONDS[unit as keyof typeof SECONDS];
  return Duration.seconds(seconds);
}

/** Renders a duration the way Karpenter's API expects it: `720h`, `1h30m`, `90s`. */
export function formatGoDuration(duration: Duration): string {
  const total = duration.toSeconds();
  if (!Number.isInteger(total) || total < 0) throw new Error(`duration ${duration.toHumanString()}: must be a whole number of seconds`);
  if (total === 0) return '0s';
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  return `${hours ? `${hours}h` : ''}${minutes ? `${minutes}m` : ''}${seconds ? `${seconds}s` : ''}`;
}

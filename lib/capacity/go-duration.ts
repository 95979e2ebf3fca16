import { durationRule, durationSeconds } from '../config/checks';
import { Duration } from 'cdk8s';


/** Parses a Go-style duration of whole hours, minutes and seconds (`720h`, `1h30m`, `30s`). */
export function parseGoDuration(text: string): Duration {
  if (durationRule(text) !== undefined) throw new Error(`duration ${JSON.stringify(text)}: must be whole hours, minutes or seconds such as 30s, 5m or 720h`);
  return Duration.seconds(durationSeconds(text));
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

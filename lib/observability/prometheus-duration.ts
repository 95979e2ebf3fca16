// Prometheus durations: one or more number+unit pairs, largest unit first (e.g. 1h30m, 15d).
const PROMETHEUS_DURATION = /^(\d+y)?(\d+w)?(\d+d)?(\d+h)?(\d+m)?(\d+s)?(\d+ms)?$/;

/** True for a non-zero Prometheus duration such as `30s`, `5m`, `1h30m` or `15d`. */
export function isPrometheusDuration(value: string): boolean {
  return value !== '' && PROMETHEUS_DURATION.test(value) && /[1-9]/.test(value);
}

/** Throws an actionable error unless `value` is a Prometheus duration. */
export function checkPrometheusDuration(construct: string, prop: string, value: string): void {
  if (!isPrometheusDuration(value)) {
    throw new Error(`${construct}: ${prop} = ${JSON.stringify(value)}: must be a Prometheus duration such as 30s, 5m, 1h or 15d`);
  }
}

/**
 * Value rules shared by the configuration validator and the constructs, so a rule such as "a DNS
 * label" is written once.
 */

/** RFC 1123 DNS label (namespaces, most Kubernetes names, Helm release names): 63 characters at most. */
export const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Whether `value` is a DNS label of at most 63 characters. */
export function isDnsLabel(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 63 && DNS_LABEL.test(value);
}

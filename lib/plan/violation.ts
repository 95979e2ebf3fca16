/** One reason the sync plan cannot complete as rendered. */
export interface PlanViolation {
  /** Rule id, e.g. `project`, `crd-order`. */
  readonly rule: string;
  /** Application the object is applied by. */
  readonly application: string;
  /** `Kind namespace/name` of the object, when the violation is about one. */
  readonly object?: string;
  readonly message: string;
}

/** One line: `[rule] application: Kind ns/name: message`. */
export function formatViolation(v: PlanViolation): string {
  return `[${v.rule}] ${v.application}: ${v.object ? `${v.object}: ` : ''}${v.message}`;
}

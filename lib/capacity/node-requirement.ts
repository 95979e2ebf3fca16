/**
 * Node selector requirements as Kubernetes and Karpenter write them, and the two questions the
 * capacity guardrails ask of them: does a label value satisfy a requirement, and can one node
 * satisfy two sets of requirements at once.
 */

/** Operators of Kubernetes node selectors plus Karpenter's `Gte`/`Lte`. */
export type NodeRequirementOperator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt' | 'Gte' | 'Lte';

export interface NodeRequirement {
  readonly key: string;
  readonly operator: NodeRequirementOperator | string;
  readonly values?: readonly string[];
}

/** Whether a node whose label `key` has `value` (`undefined`: label absent) satisfies `requirement`. */
export function satisfies(value: string | undefined, requirement: NodeRequirement): boolean {
  const values = requirement.values ?? [];
  const number = value === undefined ? NaN : Number(value);
  const bound = Number(values[0]);
  switch (requirement.operator) {
    case 'In':
      return value !== undefined && values.includes(value);
    case 'NotIn':
      return value === undefined || !values.includes(value);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
    case 'Gt':
      return number > bound;
    case 'Lt':
      return number < bound;
    case 'Gte':
      return number >= bound;
    case 'Lte':
      return number <= bound;
    default:
      // An operator this code does not know: assume it can be satisfied (guardrails err on the side of reporting).
      return true;
  }
}

/** A label value no requirement names: stands for "any other value". */
const OTHER = '\u0000other';

/**
 * Whether one node can carry labels satisfying every requirement of `a` and of `b` (e.g. a pod's
 * node affinity term and a NodePool's requirements). Keys are independent, so each key is tried
 * against the values either side names, their numeric neighbours, "another value" and "absent".
 */
export function compatible(a: readonly NodeRequirement[], b: readonly NodeRequirement[]): boolean {
  const all = [...a, ...b];
  const keys = [...new Set(all.map((r) => r.key))];
  return keys.every((key) => {
    const onKey = all.filter((r) => r.key === key);
    return candidates(onKey).some((value) => onKey.every((r) => satisfies(value, r)));
  });
}

function candidates(requirements: readonly NodeRequirement[]): (string | undefined)[] {
  const values = new Set<string | undefined>([undefined, OTHER]);
  for (const r of requirements) {
    for (const v of r.values ?? []) {
      values.add(v);
      const n = Number(v);
      if (Number.isFinite(n)) {
        values.add(String(n - 1));
        values.add(String(n + 1));
      }
    }
  }
  return [...values];
}

import { PROTECTED_KINDS } from '../argocd/resource-sync-options';
import { apiGroupOf, type ManifestObject } from '../argocd/resource-ref';
import type { ChangeType } from './desired-diff';

/**
 * Why a reviewer must look twice at a change: `delete` (Argo CD prunes it), `crd` (a schema every
 * custom resource of the type depends on), `capacity` (Karpenter NodePools and node classes),
 * `policy` (a Kyverno policy changes what it does to a violation), `protected` (Namespaces and
 * PVCs hold what git cannot restore), `prod` (anything in a production environment).
 */
export type RiskTag = 'delete' | 'crd' | 'capacity' | 'policy' | 'protected' | 'prod';

/** A risk and, where one field says why, that field's old and new value. */
export interface Risk {
  readonly tag: RiskTag;
  readonly detail?: string;
}

/** The order risks are listed in: the most consequential first. */
const RISK_ORDER: readonly RiskTag[] = ['delete', 'crd', 'capacity', 'policy', 'protected', 'prod'];

export interface RiskOptions {
  /** Whether the object belongs to a production environment. */
  readonly production: boolean;
}

/** The risks of changing one object from `before` to `after` (either absent for add/remove). */
export function risksOf(change: ChangeType, before: ManifestObject | undefined, after: ManifestObject | undefined, options: RiskOptions): Risk[] {
  const object = after ?? before;
  const risks: Risk[] = [];
  if (change === 'removed') risks.push({ tag: 'delete' });
  if (object) {
    const group = apiGroupOf(object.apiVersion);
    if (group === 'apiextensions.k8s.io' && object.kind === 'CustomResourceDefinition') risks.push({ tag: 'crd' });
    if (group === 'karpenter.sh' && object.kind === 'NodePool') risks.push(compared('capacity', before, after, ['spec.limits', 'spec.disruption']));
    if (group === 'karpenter.k8s.aws' && object.kind === 'EC2NodeClass') risks.push({ tag: 'capacity' });
    if ((group === 'kyverno.io' || group.endsWith('.kyverno.io')) && /Policy$/.test(object.kind)) {
      const actions = compared('policy', before, after, ['spec.validationActions', 'spec.validationFailureAction', 'spec.failurePolicy']);
      if (actions.detail !== undefined || change !== 'changed') risks.push(actions);
    }
    const isProtected = PROTECTED_KINDS.some((k) => k.group === group && k.kind === object.kind && k.kind !== 'CustomResourceDefinition');
    if (isProtected) risks.push({ tag: 'protected' });
  }
  if (options.production) risks.push({ tag: 'prod' });
  return sortRisks(risks);
}

/** Distinct tags of `risks`, most consequential first. */
export function riskTags(risks: Iterable<Risk>): RiskTag[] {
  const tags = new Set([...risks].map((r) => r.tag));
  return RISK_ORDER.filter((t) => tags.has(t));
}

function sortRisks(risks: Risk[]): Risk[] {
  return risks.sort((a, b) => RISK_ORDER.indexOf(a.tag) - RISK_ORDER.indexOf(b.tag));
}

/** A risk whose detail lists the watched fields that differ between the two objects. */
function compared(tag: RiskTag, before: ManifestObject | undefined, after: ManifestObject | undefined, paths: readonly string[]): Risk {
  if (!before || !after) return { tag };
  const details = paths.flatMap((path) => {
    const was = field(before, path);
    const is = field(after, path);
    return JSON.stringify(was) === JSON.stringify(is) ? [] : [`${path}: ${show(was)} -> ${show(is)}`];
  });
  return details.length > 0 ? { tag, detail: details.join('; ') } : { tag };
}

function field(object: ManifestObject, path: string): unknown {
  return path.split('.').reduce<unknown>((v, key) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined), object);
}

function show(value: unknown): string {
  return value === undefined ? '(none)' : JSON.stringify(value);
}

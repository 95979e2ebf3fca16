import { apiGroupOf, type ManifestObject } from '../argocd/resource-ref';

/** What a Secret value is shown as. */
const REDACTED = '(redacted)';
/** What a Secret value is shown as on the side where it differs from the other side. */
const REDACTED_CHANGED = '(redacted, changed)';

const SECRET_FIELDS = ['data', 'stringData'] as const;

/**
 * The two sides of one object as they may be shown: a Secret's `data` and `stringData` values
 * replaced by a marker, on the new side `(redacted, changed)` where the value differs, so a
 * reviewer sees which keys change but never a value. Other objects are returned as they are.
 */
export function redactPair(before: ManifestObject | undefined, after: ManifestObject | undefined): [ManifestObject | undefined, ManifestObject | undefined] {
  if (!isSecret(before) && !isSecret(after)) return [before, after];
  return [redact(before, undefined), redact(after, before)];
}

/** Whether `object` is a core Secret. */
function isSecret(object: ManifestObject | undefined): boolean {
  return object !== undefined && object.kind === 'Secret' && apiGroupOf(object.apiVersion) === '';
}

function redact(object: ManifestObject | undefined, other: ManifestObject | undefined): ManifestObject | undefined {
  if (!object || !isSecret(object)) return object;
  const copy: Record<string, unknown> = { ...object };
  for (const field of SECRET_FIELDS) {
    const values = object[field];
    if (!values || typeof values !== 'object') continue;
    const previous = (other?.[field] ?? {}) as Record<string, unknown>;
    copy[field] = Object.fromEntries(
      Object.entries(values as Record<string, unknown>).map(([key, value]) => [key, other !== undefined && previous[key] !== value ? REDACTED_CHANGED : REDACTED]),
    );
  }
  // kubectl's last-applied annotation would repeat the values.
  const annotations = object.metadata?.annotations;
  if (annotations && 'kubectl.kubernetes.io/last-applied-configuration' in annotations) {
    copy.metadata = { ...object.metadata, annotations: { ...annotations, 'kubectl.kubernetes.io/last-applied-configuration': REDACTED } };
  }
  return copy as ManifestObject;
}

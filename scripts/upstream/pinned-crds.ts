import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import type { ManifestObject } from '../../lib/argocd';
import { UPSTREAM } from '../../lib/upstream/pins';
import { sanitizeQuotedContinuations } from './sanitize-crd';
import { upstreamPath } from './upstream-dir';

/** Every pinned CustomResourceDefinition (parsed the way `npm run import` reads them). */
export function pinnedCrds(): ManifestObject[] {
  const crds: ManifestObject[] = [];
  for (const component of Object.values(UPSTREAM)) {
    for (const file of component.crds) {
      for (const doc of parseAllDocuments(sanitizeQuotedContinuations(readFileSync(upstreamPath(file), 'utf8')))) {
        const value = doc.toJS() as ManifestObject | null;
        if (value?.kind === 'CustomResourceDefinition') crds.push(value);
      }
    }
  }
  return crds;
}

/**
 * The API versions the CRDs add to a cluster, as `helm template --api-versions` takes them:
 * `group/version` and `group/version/Kind` for every served version.
 */
export function crdApiVersions(crds: readonly ManifestObject[]): string[] {
  const versions = new Set<string>();
  for (const crd of crds) {
    const spec = crd.spec as { group: string; names: { kind: string }; versions: { name: string; served?: boolean }[] };
    for (const v of spec.versions.filter((x) => x.served !== false)) {
      versions.add(`${spec.group}/${v.name}`);
      versions.add(`${spec.group}/${v.name}/${spec.names.kind}`);
    }
  }
  return [...versions].sort();
}

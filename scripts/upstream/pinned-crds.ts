import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { ManifestObject } from '../../lib/argocd';
import { UPSTREAM } from '../../lib/upstream/pins';
import { sanitizeQuotedContinuations } from './sanitize-crd';
import { upstreamPath } from './upstream-dir';

/** Parsed CRDs by the content hash of the pinned files (YAML parsing them takes seconds, JSON not). */
const CACHE = resolve(__dirname, '../../.cache/pinned-crds');
let memo: { key: string; crds: ManifestObject[] } | undefined;

/** Every pinned CustomResourceDefinition (parsed the way `npm run import` reads them). */
export function pinnedCrds(): ManifestObject[] {
  const texts = Object.values(UPSTREAM).flatMap((c) => c.crds.map((file) => readFileSync(upstreamPath(file), 'utf8')));
  const hash = createHash('sha256');
  for (const text of texts) hash.update(text).update('\0');
  const key = hash.digest('hex').slice(0, 32);
  if (memo?.key === key) return memo.crds;
  const cached = join(CACHE, `${key}.json`);
  let crds: ManifestObject[];
  if (existsSync(cached)) {
    crds = JSON.parse(readFileSync(cached, 'utf8')) as ManifestObject[];
  } else {
    crds = [];
    for (const text of texts) {
      for (const doc of parseAllDocuments(sanitizeQuotedContinuations(text))) {
        const value = doc.toJS() as ManifestObject | null;
        if (value?.kind === 'CustomResourceDefinition') crds.push(value);
      }
    }
    mkdirSync(CACHE, { recursive: true });
    writeFileSync(`${cached}.part-${process.pid}`, JSON.stringify(crds));
    renameSync(`${cached}.part-${process.pid}`, cached);
  }
  memo = { key, crds };
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

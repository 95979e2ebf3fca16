import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { ManifestObject } from '../argocd/resource-ref';

/** A parsed object and the file it came from (relative to the folder, or a Helm template path). */
export interface SourcedObject {
  readonly object: ManifestObject;
  readonly file: string;
}

/**
 * The objects of a folder as an Argo CD directory source reads them: `*.yaml`, `*.yml` and
 * `*.json` files, only the top level unless `recurse` (Argo CD's `directory.recurse`, default
 * false), every YAML document that is not empty, in file-name order.
 */
export function readManifestFolder(dir: string, recurse = false): SourcedObject[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new Error(`${dir} is not a folder`);
  const found: SourcedObject[] = [];
  const walk = (rel: string) => {
    for (const entry of readdirSync(join(dir, rel), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (recurse) walk(path);
      } else if (/\.(ya?ml|json)$/.test(entry.name)) {
        for (const object of parseManifests(readFileSync(join(dir, path), 'utf8'), path)) found.push({ object, file: path });
      }
    }
  };
  walk('');
  return found;
}

/** Every non-empty document of a multi-document YAML text; `where` names it in errors. */
export function parseManifests(text: string, where: string): ManifestObject[] {
  const objects: ManifestObject[] = [];
  for (const doc of parseAllDocuments(text)) {
    if (doc.errors.length > 0) throw new Error(`${where}: not valid YAML: ${doc.errors[0].message.split('\n')[0]}`);
    const value = doc.toJS() as ManifestObject | null;
    if (value === null || value === undefined) continue;
    if (typeof value !== 'object' || typeof value.kind !== 'string' || typeof value.apiVersion !== 'string') {
      throw new Error(`${where}: a document without apiVersion and kind`);
    }
    // `kind: List` (kubectl's wrapper) holds objects in items.
    if (value.kind === 'List' && Array.isArray(value.items)) objects.push(...(value.items as ManifestObject[]));
    else objects.push(value);
  }
  return objects;
}

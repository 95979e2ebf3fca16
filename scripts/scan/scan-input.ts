import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';
import type { Finding } from './finding';
import { rolloutView, targetOf, type ScanObject } from './rollout-view';

/** What the scanners read for one environment. */
export interface ScanInput {
  /** Absolute paths of the manifests written. */
  readonly paths: string[];
  /**
   * Where findings are reported: by file (relative to the scan folder) → object, and by
   * `Deployment/…` target of a shadow → its Rollout for scanners that name no file.
   */
  readonly targets: ReadonlyMap<string, string>;
  /** How many Rollouts gained a shadow Deployment. */
  readonly shadows: number;
}

const SHADOW_DIR = 'rollout-shadows';
const SHADOW_HEADER = '# Scan view of an Argo Rollout (see scripts/scan/rollout-view.ts); never deployed.\n';

/**
 * Writes the manifests `files` of `envDir` into `dir` as the scanners should see them (see
 * rollout-view.ts): unchanged files are copied byte for byte, rewritten ones re-serialised,
 * shadow Deployments added under `rollout-shadows/`.
 */
export function writeScanInput(envDir: string, files: readonly string[], dir: string): ScanInput {
  const parsed = files.map((file) => {
    const objects = parseAllDocuments(readFileSync(join(envDir, file), 'utf8'))
      .map((d) => d.toJS() as ScanObject)
      .filter((o) => o !== null && typeof o === 'object');
    return { file, objects };
  });
  const all = parsed.flatMap((p) => p.objects);
  const view = rolloutView(all);
  const replaced = new Map(all.map((o, i) => [o, view.objects[i]]));

  const targets = new Map<string, string>();
  const paths: string[] = [];
  const write = (file: string, text: string) => {
    const path = join(dir, file);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    paths.push(path);
  };
  for (const { file, objects } of parsed) {
    const seen = objects.map((o) => replaced.get(o)!);
    const changed = seen.some((o, i) => o !== objects[i]);
    write(file, changed ? seen.map((o) => stringify(o)).join('---\n') : readFileSync(join(envDir, file), 'utf8'));
    if (objects.length === 1) targets.set(file, targetOf(objects[0]));
  }
  for (const shadow of view.shadows) {
    const { namespace, name } = shadow.deployment.metadata ?? {};
    const file = `${SHADOW_DIR}/Deployment.${namespace}.${name}.yaml`;
    write(file, SHADOW_HEADER + stringify(shadow.deployment));
    targets.set(file, shadow.target);
    targets.set(targetOf(shadow.deployment), shadow.target);
  }
  return { paths, targets, shadows: view.shadows.length };
}

/** Findings reported against the object of the file they were found in (the Rollout for a shadow). */
export function retarget(findings: readonly Finding[], targets: ReadonlyMap<string, string>): Finding[] {
  return findings.map((f) => {
    const target = (f.file === undefined ? undefined : targets.get(f.file)) ?? targets.get(f.target);
    return target === undefined ? f : { ...f, target };
  });
}

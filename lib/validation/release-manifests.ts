import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ManifestObject } from '../argocd/resource-ref';
import type { AppliedApplication, DesiredState } from '../desired';

/** One Helm release written out for a validator: its file and what to name it by in messages. */
export interface ReleaseManifestFile {
  /** File name relative to the folder it was written to. */
  readonly file: string;
  readonly application: AppliedApplication;
  /** `prod: Application prod-keda (Helm release keda, chart keda@2.20.2)`. */
  readonly label: string;
}

/** The Applications of `state` whose content is a rendered Helm chart. */
export function helmApplications(state: DesiredState): AppliedApplication[] {
  return state.applications.filter((a) => a.kind === 'helm');
}

/** How messages name a Helm Application: environment, Application, release and chart@version. */
export function releaseLabel(env: string, app: AppliedApplication): string {
  return `${env}: Application ${app.name} (Helm release ${app.releaseName ?? app.name}, chart ${app.source})`;
}

/**
 * Writes every rendered Helm release of `state` into `dir`, one multi-document file per
 * release (`<application>.yaml`), objects in the order Helm rendered them, so the n-th document
 * of a file is the n-th object (and origin) of its Application.
 */
export function writeReleaseManifests(state: DesiredState, dir: string): ReleaseManifestFile[] {
  mkdirSync(dir, { recursive: true });
  return helmApplications(state).map((application) => {
    const file = `${application.name}.yaml`;
    // JSON documents are YAML too, and written far faster than YAML for objects such as CRDs.
    writeFileSync(join(dir, file), application.objects.map((o) => `---\n${JSON.stringify(o)}\n`).join(''));
    return { file, application, label: releaseLabel(state.env, application) };
  });
}

/**
 * The CustomResourceDefinitions the rendered charts ship, one per CRD name (the first in
 * Application order when two charts ship the same one): the cluster has them once their
 * Applications have synced, so the objects that use them validate against these.
 */
export function chartCrds(state: DesiredState): ManifestObject[] {
  const byName = new Map<string, ManifestObject>();
  for (const app of helmApplications(state)) {
    for (const o of app.objects) {
      if (o.kind === 'CustomResourceDefinition' && o.apiVersion.startsWith('apiextensions.k8s.io/') && o.metadata?.name && !byName.has(o.metadata.name)) {
        byName.set(o.metadata.name, o);
      }
    }
  }
  return [...byName.keys()].sort().map((name) => byName.get(name)!);
}

/** Writes `crds` one per file (`<prefix><name>.yaml`) into `dir`, for `kubectl-validate --local-crds`. */
export function writeCrdFiles(crds: readonly ManifestObject[], dir: string, prefix = 'chart--'): number {
  mkdirSync(dir, { recursive: true });
  for (const crd of crds) writeFileSync(join(dir, `${prefix}${crd.metadata!.name}.yaml`), `${JSON.stringify(crd)}\n`);
  return crds.length;
}

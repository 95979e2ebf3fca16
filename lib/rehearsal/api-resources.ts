import type { ManifestObject } from '../argocd/resource-ref';
import type { KubeClient } from './kube-client';

interface ResourceInfo {
  readonly plural: string;
  readonly namespaced: boolean;
}

/** The API server's discovery: where each apiVersion/kind lives. */
export class ApiResources {
  private byKind = new Map<string, ResourceInfo>();

  constructor(private readonly client: KubeClient) {}

  async refresh(): Promise<void> {
    const versions: string[] = ['v1'];
    const groups = (await this.client.get('/apis'))?.groups ?? [];
    for (const g of groups) for (const v of g.versions ?? []) versions.push(v.groupVersion);
    const lists = await Promise.all(versions.map(async (gv) => [gv, await this.client.get(gv === 'v1' ? '/api/v1' : `/apis/${gv}`).catch(() => undefined)] as const));
    const next = new Map<string, ResourceInfo>();
    for (const [gv, list] of lists) {
      for (const r of list?.resources ?? []) {
        if (String(r.name).includes('/')) continue;
        next.set(`${gv}/${r.kind}`, { plural: r.name, namespaced: Boolean(r.namespaced) });
      }
    }
    this.byKind = next;
  }

  info(apiVersion: string, kind: string): ResourceInfo | undefined {
    return this.byKind.get(`${apiVersion}/${kind}`);
  }

  /** REST path of an object (its collection when `name` is omitted); undefined when the kind is not served. */
  pathOf(apiVersion: string, kind: string, namespace: string | undefined, name?: string): string | undefined {
    const info = this.info(apiVersion, kind);
    if (!info) return undefined;
    const base = apiVersion === 'v1' ? '/api/v1' : `/apis/${apiVersion}`;
    const ns = info.namespaced && namespace ? `/namespaces/${namespace}` : '';
    return `${base}${ns}/${info.plural}${name ? `/${encodeURIComponent(name)}` : ''}`;
  }

  pathOfObject(o: ManifestObject, namespace?: string): string | undefined {
    return this.pathOf(o.apiVersion, o.kind, namespace ?? o.metadata?.namespace, String(o.metadata?.name));
  }
}

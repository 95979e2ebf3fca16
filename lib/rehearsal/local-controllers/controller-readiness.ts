import type { KubeClient } from '../kube-client';

/** Whether an APIResourceList (`GET /apis/<group>/<version>`) serves every kind in `kinds`. */
export function kindsServed(resourceList: any, kinds: readonly string[]): boolean {
  const served = new Set(((resourceList?.resources ?? []) as { kind: string }[]).map((r) => r.kind));
  return kinds.every((k) => served.has(k));
}

export async function namespaceExists(client: KubeClient, name: string): Promise<boolean> {
  return (await client.get(`/api/v1/namespaces/${name}`).catch(() => undefined)) !== undefined;
}

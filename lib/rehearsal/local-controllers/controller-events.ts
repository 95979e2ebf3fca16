import type { KubeClient } from '../kube-client';

/** An event as the report shows it: `Kind name: Reason: message`. */
export function formatEvent(ev: any): string {
  return `${ev.involvedObject?.kind} ${ev.involvedObject?.name}: ${ev.reason}: ${String(ev.message ?? '').trim()}`;
}

function timeOf(ev: any): number {
  return Date.parse(ev.eventTime ?? ev.firstTimestamp ?? ev.lastTimestamp ?? ev.metadata?.creationTimestamp ?? 0) || 0;
}

/**
 * Events of `namespace` about the objects `about` accepts, oldest first, that `seen` does not hold
 * yet (their uids are added to it): what the controllers reported since the last look.
 */
export async function newEvents(client: KubeClient, namespace: string, about: (involved: { kind: string; name: string }) => boolean, seen: Set<string>): Promise<any[]> {
  const events = (await client.list(`/api/v1/namespaces/${namespace}/events`))
    .filter((ev) => !seen.has(ev.metadata.uid) && about({ kind: ev.involvedObject?.kind, name: ev.involvedObject?.name }))
    .sort((a, b) => timeOf(a) - timeOf(b) || Number(a.metadata.resourceVersion) - Number(b.metadata.resourceVersion));
  for (const ev of events) seen.add(ev.metadata.uid);
  return events;
}

/** Marks every event now in `namespace` as seen (a scenario's events start after this). */
export async function markEventsSeen(client: KubeClient, namespace: string, seen: Set<string>): Promise<void> {
  for (const ev of await client.list(`/api/v1/namespaces/${namespace}/events`)) seen.add(ev.metadata.uid);
}

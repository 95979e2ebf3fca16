import type { SyncPlan } from './sync-plan';

/**
 * The plan as a person reads it: one block per Application in sync order (root first), with its
 * wave, project, source and the kinds it applies with counts.
 */
export function formatPlanTable(plan: SyncPlan): string {
  const lines = [`${plan.env}: sync plan (Application wave → Application → objects)`];
  lines.push(`${'wave'.padStart(5)}  ${'application'.padEnd(34)} ${'project'.padEnd(10)} ${'source'.padEnd(34)} objects`);
  for (const app of [plan.root, ...plan.applications]) {
    const counts = new Map<string, number>();
    for (const e of plan.entries.filter((x) => x.application === app)) counts.set(e.object.kind, (counts.get(e.object.kind) ?? 0) + 1);
    const kinds = [...counts.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, n]) => `${k} ${n}`).join(', ');
    const wave = app === plan.root ? 'root' : String(app.wave);
    lines.push(`${wave.padStart(5)}  ${app.name.padEnd(34)} ${app.project.padEnd(10)} ${app.source.padEnd(34)} ${kinds}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The plan as data for tools: Applications in order with their objects. */
export function planJson(plan: SyncPlan): unknown {
  return {
    env: plan.env,
    applications: [plan.root, ...plan.applications].map((app) => ({
      name: app.name,
      project: app.project,
      wave: app === plan.root ? null : app.wave,
      source: app.source,
      destinationNamespace: app.destinationNamespace,
      objects: plan.entries.filter((e) => e.application === app).map((e) => ({ kind: e.object.kind, apiVersion: e.object.apiVersion, name: e.object.metadata?.name, namespace: e.namespace ?? null, phase: e.phase, wave: e.wave })),
    })),
  };
}

import type { ApplicationChange, ChangeType, EnvironmentChange, ObjectChange } from './desired-diff';

/** What `npm run diff` found: both sides and every environment compared. */
export interface DiffReport {
  /** The published side, e.g. `gitops (1a2b3c4d5e6f)`. */
  readonly base: string;
  /** The rendered side, e.g. `working tree at 9f8e7d6c5b4a`. */
  readonly head: string;
  readonly environments: readonly EnvironmentChange[];
}

/** Whether any environment changes. */
export function reportHasChanges(report: DiffReport): boolean {
  return report.environments.some((e) => e.applications.length > 0);
}

/** The one line a report without changes consists of. */
export function noChangesLine(report: DiffReport): string {
  const names = report.environments.map((e) => e.env).join(', ');
  return `No changes: ${report.head} renders exactly what ${report.base} holds for ${names}.`;
}

/** `1 added, 3 changed, 0 removed`. */
export function countsText(counts: Readonly<Record<ChangeType, number>>): string {
  return `${counts.added} added, ${counts.changed} changed, ${counts.removed} removed`;
}

/** `helm karpenter@1.14.1 -> karpenter@1.15.0`, `directory dist/prod/baseline`. */
export function sourceText(app: ApplicationChange, arrow = '->'): string {
  const { sourceBefore: was, sourceAfter: is } = app;
  const source = was !== undefined && is !== undefined && was !== is ? `${was} ${arrow} ${is}` : (is ?? was);
  return `${app.kind} ${source}`;
}

/** `Application added`, or per-object counts of a changed Application. */
export function applicationSummary(app: ApplicationChange): string {
  const count = (type: ChangeType) => app.objects.filter((o) => o.change === type).length;
  const objects = `${count('added')} added, ${count('changed')} changed, ${count('removed')} removed`;
  return app.change === 'changed' ? objects : `Application ${app.change}: ${objects}`;
}

/**
 * The risks of one object, with the fields that say why, and where it moves. `prod` is left to the
 * environment and Application lines, so the risks that differ between objects stand out.
 */
export function objectNotes(object: ObjectChange): string[] {
  const notes = object.risks.filter((r) => r.tag !== 'prod').map((r) => (r.detail ? `${r.tag} (${r.detail})` : r.tag));
  if (object.movedTo) notes.push(`moved to ${object.movedTo}`);
  if (object.movedFrom) notes.push(`moved from ${object.movedFrom}`);
  if (object.orphaned) notes.push('stays in the cluster (its Application has no resources finalizer)');
  return notes;
}

import type { ApplicationChange, ChangeType, EnvironmentChange, ObjectChange } from './desired-diff';
import { applicationSummary, countsText, noChangesLine, objectNotes, reportHasChanges, sourceText, type DiffReport } from './diff-report';

/** GitHub refuses a pull request comment longer than this many characters. */
const GITHUB_COMMENT_LIMIT = 65_536;

export interface MarkdownOptions {
  /**
   * Longest output, in characters (UTF-16 code units, as GitHub counts). Object diffs that do not
   * fit are left out with a note; then object tables; the summary table always stays.
   * @default GITHUB_COMMENT_LIMIT - 512 (room for the marker the workflow adds)
   */
  readonly maxChars?: number;
  /** Where the left-out details can be read, e.g. a link to the job summary. @default - `npm run diff` */
  readonly fullReport?: string;
}

const MARK: Record<ChangeType, string> = { added: '+', changed: '~', removed: '−' };

/**
 * The report as a pull request comment: a table of environments, then per environment one folded
 * `<details>` per changed Application with its objects, risks and diffs. Stays within `maxChars`.
 */
export function formatMarkdown(report: DiffReport, options: MarkdownOptions = {}): string {
  if (!reportHasChanges(report)) return `${noChangesLine(report)}\n`;
  const budget = options.maxChars ?? GITHUB_COMMENT_LIMIT - 512;
  const fullReport = options.fullReport ?? '`npm run diff -- --env <name>`';

  const header = headerOf(report);
  const envs = report.environments.filter((e) => e.applications.length > 0);
  const apps = envs.flatMap((env) => env.applications.map((app) => ({ env, app })));
  const reserve = 400; // the closing note

  // Tables of objects, Application by Application, while they fit; the rest as one line each.
  let used = header.length + envs.reduce((n, e) => n + envHeading(e).length, 0) + reserve;
  const withTable = new Set<ApplicationChange>();
  const listed = new Set<ApplicationChange>();
  for (const { app } of apps) {
    const line = appOpen(app, false).length + APP_CLOSE.length;
    const table = appOpen(app, true).length + app.objects.reduce((n, o) => n + placeholder(o).length, 0) + APP_CLOSE.length;
    if (used + table <= budget) {
      used += table;
      withTable.add(app);
      listed.add(app);
    } else if (used + line <= budget) {
      used += line;
      listed.add(app);
    }
  }
  // Then object diffs, in order, each only if it fits in what is left.
  const shownDiffs = new Set<ObjectChange>();
  for (const { app } of apps) {
    if (!withTable.has(app)) continue;
    for (const object of app.objects) {
      const extra = diffBlock(object).length - placeholder(object).length;
      if (used + extra <= budget) {
        used += extra;
        shownDiffs.add(object);
      }
    }
  }

  const out = [header];
  for (const env of envs) {
    out.push(envHeading(env));
    for (const app of env.applications) {
      if (!listed.has(app)) continue;
      out.push(appOpen(app, withTable.has(app)));
      if (withTable.has(app)) for (const object of app.objects) out.push(shownDiffs.has(object) ? diffBlock(object) : placeholder(object));
      out.push(APP_CLOSE);
    }
  }
  const objects = apps.flatMap(({ app }) => (withTable.has(app) ? app.objects : []));
  const leftOut = [
    ...plural(apps.length - listed.size, 'Application'),
    ...plural(listed.size - withTable.size, 'object list'),
    ...plural(objects.length - shownDiffs.size, 'object diff'),
  ];
  if (leftOut.length > 0) {
    out.push(`> [!NOTE]\n> Left out to fit GitHub's ${GITHUB_COMMENT_LIMIT.toLocaleString('en-US')}-character comment limit: ${leftOut.join(', ')}. The full report: ${fullReport}.\n`);
  }
  return out.join('');
}

function headerOf(report: DiffReport): string {
  const changed = report.environments.filter((e) => e.applications.length > 0);
  const rows = report.environments.map((e) =>
    e.applications.length === 0
      ? `| ${e.env} | 0 | 0 | 0 | 0 | no changes |`
      : `| **${e.env}** | ${e.applications.length} | ${e.counts.added} | ${e.counts.changed} | ${e.counts.removed} | ${e.risks.length > 0 ? `⚠️ ${e.risks.join(', ')}` : '—'} |`,
  );
  return [
    `### Argo CD diff: changes in ${changed.length} of ${report.environments.length} environment${report.environments.length === 1 ? '' : 's'}`,
    '',
    `Rendered from ${escape(report.head)}, compared with ${escape(report.base)}, object by object as Argo CD would apply them (Helm releases rendered, Secret values redacted).`,
    '',
    '| environment | Applications | added | changed | removed | risks |',
    '|---|--:|--:|--:|--:|---|',
    ...rows,
    '',
    '',
  ].join('\n');
}

function envHeading(env: EnvironmentChange): string {
  return `#### ${env.env}: ${countsText(env.counts)}${env.production ? ' (production)' : ''}\n\n`;
}

const APP_CLOSE = '</details>\n\n';

function appOpen(app: ApplicationChange, withTable: boolean): string {
  const risks = app.risks.length > 0 ? ` · ⚠️ ${app.risks.join(', ')}` : '';
  const summary = `<details><summary><b>${escape(app.name)}</b> · ${escape(sourceText(app, '→'))} · ${applicationSummary(app)}${risks}</summary>\n\n`;
  if (!withTable) return `${summary}_${app.objects.length} objects; list left out for length._\n\n`;
  const rows = app.objects.map((o) => `| ${MARK[o.change]} | \`${o.resource}\` | ${cell(objectNotes(o).join('; '))} |`);
  return `${summary}${app.objects.length > 0 ? ['| | object | risks |', '|:-:|---|---|', ...rows, '', ''].join('\n') : '_No object changes._\n\n'}`;
}

function diffBlock(object: ObjectChange): string {
  const longest = Math.max(2, ...[...object.diff.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}diff\n${object.diff}${fence}\n\n`;
}

function placeholder(object: ObjectChange): string {
  return `_Diff of \`${object.resource}\` left out for length (${object.diff.split('\n').length - 1} lines)._\n\n`;
}

function plural(n: number, noun: string): string[] {
  return n > 0 ? [`${n} ${noun}${n === 1 ? '' : 's'}`] : [];
}

function escape(text: string): string {
  return text.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!);
}

function cell(text: string): string {
  return escape(text).replace(/\|/g, '\\|').slice(0, 300);
}

import { applicationSummary, countsText, noChangesLine, objectNotes, reportHasChanges, sourceText, type DiffReport } from './diff-report';
import type { ChangeType } from './desired-diff';

export interface TerminalOptions {
  /** ANSI colours (only for a terminal, and not when NO_COLOR is set). @default false */
  readonly color?: boolean;
}

const MARK: Record<ChangeType, string> = { added: '+', changed: '~', removed: '-' };
const CODES = { bold: '1', red: '31', green: '32', yellow: '33', cyan: '36', dim: '2' } as const;

/**
 * The report for a terminal: per environment a summary line, per changed Application its source
 * and objects (risks marked `!`), then the unified diff of every changed object.
 */
export function formatTerminal(report: DiffReport, options: TerminalOptions = {}): string {
  const paint = (code: keyof typeof CODES, text: string) => (options.color ? `\x1b[${CODES[code]}m${text}\x1b[0m` : text);
  const markColour: Record<ChangeType, keyof typeof CODES> = { added: 'green', changed: 'yellow', removed: 'red' };
  if (!reportHasChanges(report)) return `${noChangesLine(report)}\n`;

  const summary: string[] = [];
  const patches: string[] = [];
  for (const env of report.environments) {
    if (env.applications.length === 0) {
      summary.push(`${paint('bold', env.env)}: no changes against ${report.base}`);
      continue;
    }
    const risks = env.risks.length > 0 ? ` ${paint('red', `! ${env.risks.join(', ')}`)}` : '';
    summary.push(`${paint('bold', env.env)}: ${env.applications.length} Application${env.applications.length === 1 ? '' : 's'}, ${countsText(env.counts)} against ${report.base}${risks}`);
    for (const app of env.applications) {
      summary.push(`  ${paint('cyan', app.name)}  ${sourceText(app)}  (wave ${app.wave}, project ${app.project}): ${applicationSummary(app)}`);
      const width = Math.max(0, ...app.objects.map((o) => o.resource.length));
      for (const object of app.objects) {
        const notes = objectNotes(object);
        const line = `    ${paint(markColour[object.change], MARK[object.change])} ${notes.length > 0 ? object.resource.padEnd(width) : object.resource}`;
        summary.push(notes.length > 0 ? `${line}  ${paint('red', `! ${notes.join('; ')}`)}` : line);
        patches.push(colourDiff(object.diff, paint));
      }
    }
  }
  return [summary.join('\n'), ...(patches.length > 0 ? ['', patches.join('')] : [])].join('\n').replace(/\n*$/, '\n');
}

function colourDiff(diff: string, paint: (code: keyof typeof CODES, text: string) => string): string {
  return diff
    .split('\n')
    .map((line) => {
      if (line.startsWith('---') || line.startsWith('+++')) return paint('bold', line);
      if (line.startsWith('@@')) return paint('cyan', line);
      if (line.startsWith('+')) return paint('green', line);
      if (line.startsWith('-')) return paint('red', line);
      return line;
    })
    .join('\n');
}

/** One gate of `npm run check`: a script run as a child process, and how to read its output. */
export interface CheckStep {
  readonly name: string;
  /** Script under the repository root, run with tsx. */
  readonly script: string;
  /** The figure worth a glance (errors, violations, findings), from the step's output. */
  readonly figure: (output: string) => string | undefined;
  /** Lines that explain a failure, shown when the step fails. */
  readonly problem: RegExp;
}

export type StepStatus = 'passed' | 'failed' | 'not run';

export interface StepResult {
  readonly name: string;
  readonly status: StepStatus;
  readonly seconds?: number;
  readonly figure: string;
}

const lastMatch = (output: string, pattern: RegExp): RegExpExecArray | undefined => {
  let found: RegExpExecArray | undefined;
  for (const m of output.matchAll(new RegExp(pattern.source, `${pattern.flags.replace('g', '')}g`))) found = m as RegExpExecArray;
  return found;
};
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export const SYNTH: CheckStep = {
  name: 'synth',
  script: 'main.ts',
  figure: (output) => {
    const counts = [...output.matchAll(/^\S+\/(\S+): (\d+) files$/gm)].map((m) => Number(m[2]));
    if (counts.length > 0) return `${plural(counts.reduce((a, b) => a + b, 0), 'file')} in ${plural(counts.length, 'environment')}`;
    return lastMatch(output, /^invalid configuration \((\d+ violations?)\)/m)?.[1];
  },
  problem: /^(invalid configuration|  \S+: |synth failed)/,
};

export const VALIDATE: CheckStep = {
  name: 'validate',
  script: 'scripts/validate.ts',
  figure: (output) => lastMatch(output, /^validate: (.+)$/m)?.[1],
  problem: /^( {4}\S|.*(error|not found|missing|not listed|does not exist))/i,
};

export const POLICIES: CheckStep = {
  name: 'policies',
  script: 'scripts/policies.ts',
  figure: (output) => {
    const envs = [...output.matchAll(/; (\d+) violations?$/gm)];
    if (envs.length === 0) return undefined;
    const violations = envs.reduce((sum, m) => sum + Number(m[1]), 0);
    const blind = [...output.matchAll(/^\s+BLIND: /gm)].length;
    return `${plural(violations, 'violation')}${blind === 0 ? '' : `, ${blind} blind ${blind === 1 ? 'policy' : 'policies'}`}`;
  },
  problem: /^(\s+(VIOLATION|BLIND|NOT CHECKED)|kyverno test .*FAILED|.*not found: install|.*NOT (CHECKED|RENDERED))/,
};

export const SCAN: CheckStep = {
  name: 'scan',
  script: 'scripts/scan.ts',
  figure: (output) => lastMatch(output, /^scan: (?:passed|failed) \((.+)\)$/m)?.[1],
  problem: /^(FINDING|ALLOWLIST|FAIL) /,
};

/** The steps after rendering, in the order they run. */
export const GATES: readonly CheckStep[] = [VALIDATE, POLICIES, SCAN];

/** Lines of a failed step worth showing: its problem lines, else its last lines. */
export function problemLines(step: CheckStep, output: string, max: number): string[] {
  const lines = output.split('\n').filter((l) => l.trim() !== '');
  const problems = lines.filter((l) => step.problem.test(l));
  const shown = problems.length > 0 ? problems : lines.slice(-max);
  return shown.length > max ? [...shown.slice(0, max), `… ${shown.length - max} more (npx tsx ${step.script})`] : shown;
}

/** Lines announcing a tool that did not run (e.g. `NOT RUN polaris: …`). */
export function notRunLines(output: string): string[] {
  return output.split('\n').filter((l) => l.startsWith('NOT RUN '));
}

/** The one-screen table: step, status, duration, key figure. */
export function summaryTable(results: readonly StepResult[]): string[] {
  const rows = [['step', 'status', 'duration', 'key figure'], ...results.map((r) => [r.name, r.status, r.seconds === undefined ? '-' : `${r.seconds.toFixed(1)}s`, r.figure])];
  const width = (i: number) => Math.max(...rows.map((r) => r[i].length));
  return rows.map((r) => `${r[0].padEnd(width(0))}  ${r[1].padEnd(width(1))}  ${r[2].padStart(width(2))}  ${r[3]}`.trimEnd());
}

// `npm run check [-- --no-synth] [--verbose]`: the release gates in one command. Renders every
// environment (unless --no-synth), then runs validate (kubectl-validate, chart values), policies
// (Kyverno) and scan (third-party scanners) as child processes, each to the end even when another
// failed, and prints a one-screen summary. Exit 1 when any step failed or could not run.
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { cliArgs, type CliSpec, type ParsedArgs, runMain } from '../lib/cli/args';
import { exitQuietlyOnClosedPipe } from '../lib/cli/closed-pipe';
import { GATES, notRunLines, problemLines, summaryTable, SYNTH, type CheckStep, type StepResult } from './check/check-steps';

const ROOT = resolve(__dirname, '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const MAX_PROBLEM_LINES = 15;

/** Runs one step; its output (stdout and stderr, in order) is captured, and echoed with --verbose. */
function run(step: CheckStep, verbose: boolean): Promise<{ code: number; output: string; seconds: number }> {
  const started = process.hrtime.bigint();
  return new Promise((done) => {
    const child = spawn(TSX, [step.script], { cwd: ROOT, env: { ...process.env, CDK8S_CHECK_UPGRADE: 'false' } });
    const chunks: string[] = [];
    const collect = (chunk: Buffer) => {
      chunks.push(chunk.toString('utf8'));
      if (verbose) process.stdout.write(chunk);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const finish = (code: number) => done({ code, output: chunks.join(''), seconds: Number(process.hrtime.bigint() - started) / 1e9 });
    child.on('error', (error) => {
      chunks.push(`${error.message}\n`);
      finish(1);
    });
    child.on('close', (code) => finish(code ?? 1));
  });
}

const CLI: CliSpec = {
  command: 'npm run check --',
  summary: 'Renders every environment, then runs validate, policies and scan with a one-screen summary.',
  options: {
    '--no-synth': { description: 'check dist/ as it is, without rendering first' },
    '--verbose': { description: 'echo the output of every step' },
  },
};

async function main(args: ParsedArgs): Promise<number> {
  const verbose = args.flags.has('--verbose');
  const steps = args.flags.has('--no-synth') ? GATES : [SYNTH, ...GATES];
  const results: StepResult[] = [];
  const details: string[] = [];
  const notRun: string[] = [];
  let rendered = true;
  for (const step of steps) {
    if (!rendered) {
      results.push({ name: step.name, status: 'not run', figure: 'nothing rendered' });
      continue;
    }
    console.log(`== ${step.name} (npx tsx ${step.script})`);
    const { code, output, seconds } = await run(step, verbose);
    const figure = step.figure(output) ?? (code === 0 ? 'done' : 'no summary (see below)');
    results.push({ name: step.name, status: code === 0 ? 'passed' : 'failed', seconds, figure });
    notRun.push(...notRunLines(output));
    if (code !== 0) {
      details.push(`-- ${step.name} failed:`, ...problemLines(step, output, MAX_PROBLEM_LINES).map((l) => `   ${l}`));
      if (step === SYNTH) rendered = false;
    }
  }

  console.log('');
  for (const line of details) console.log(line);
  if (details.length > 0) console.log('');
  for (const line of summaryTable(results)) console.log(line);
  for (const line of notRun) console.log(line);
  const ok = results.every((r) => r.status === 'passed');
  console.log(ok ? 'check: passed' : `check: failed (${results.filter((r) => r.status !== 'passed').map((r) => `${r.name} ${r.status}`).join(', ')})`);
  return ok ? 0 : 1;
}

exitQuietlyOnClosedPipe();
const args = cliArgs(process.argv.slice(2), CLI, 'check');
if (args) runMain('check', () => main(args));

// `npm run plan [-- --env a,b] [--format table|json] [--root DIR]`: everything Argo CD would apply
// for each environment — the rendered folders and every Helm release rendered with the real
// pinned chart — in sync order, and the sync-plan gate over it (AppProject permissions, CRDs and
// namespaces before use, scheduling before and after Karpenter, references, quotas). Exit 1 on a
// violation not listed in scripts/plan/expected-violations.yaml, or a listed one that is gone.
import { selectByName } from '../lib/config/select-by-name';
import { cliArgs, type CliSpec, type ParsedArgs, envOption, ROOT_OPTION, runMain } from '../lib/cli/args';
import { exitQuietlyOnClosedPipe } from '../lib/cli/closed-pipe';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { environments, type EnvironmentConfig } from '../environments';
import { buildSyncPlan, checkSyncPlan, formatPlanTable, formatViolation, planJson, type SyncPlan } from '../lib/plan';
import { desiredStateOf } from './desired/desired-state-of';
import { planContextOf } from './plan/plan-context-of';
import { compareWithExpected, EXPECTED_VIOLATIONS_FILE, readExpectedViolations } from './plan/expected-violations';
import { pinnedCrds } from './upstream/pinned-crds';

const ROOT = resolve(__dirname, '..');

export interface PlanResult {
  readonly env: string;
  readonly plan?: SyncPlan;
  /** Violation lines (render failures first). */
  readonly violations: readonly string[];
}

/** Renders and checks one environment's sync plan from the dist/ under `root`. */
async function planEnvironment(env: EnvironmentConfig, root = ROOT): Promise<PlanResult> {
  const state = await desiredStateOf(env, root);
  const plan = buildSyncPlan(state, pinnedCrds());
  const violations = [...state.renderErrors.map((e) => `[render] ${e.replace(/^[^:]+: /, '')}`), ...checkSyncPlan(plan, planContextOf(env)).map(formatViolation)];
  return { env: env.name, plan, violations };
}

/** Command line of `npm run plan`. */
const PLAN_CLI: CliSpec = {
  command: 'npm run plan --',
  summary: 'Lists everything Argo CD would apply, in sync order, and runs the sync-plan gate over it.',
  options: {
    ...envOption('plan only these environments'),
    '--format': { value: '<table|json>', description: 'output format (default: table)' },
    ...ROOT_OPTION,
  },
};

function optionsOf(args: ParsedArgs): { envs: EnvironmentConfig[]; format: 'table' | 'json'; root: string } {
  const names = args.values.get('--env');
  const format = args.values.get('--format') ?? 'table';
  if (format !== 'table' && format !== 'json') throw new Error(`--format ${format}: use table or json`);
  const root = resolve(args.values.get('--root') ?? ROOT);
  const envs = selectByName(names, environments);
  return { envs, format, root };
}

async function main(args: ParsedArgs): Promise<number> {
  const { envs, format, root } = optionsOf(args);
  if (!existsSync(join(root, 'dist'))) throw new Error(`${join(root, 'dist')} does not exist: render first with npm run synth`);
  const expected = readExpectedViolations(join(ROOT, EXPECTED_VIOLATIONS_FILE));
  let failed = false;
  const json: unknown[] = [];
  for (const env of envs) {
    const result = await planEnvironment(env, root);
    const { unexpected, expected: known, stale } = compareWithExpected(env.name, result.violations, expected);
    if (format === 'json') {
      json.push({ ...(planJson(result.plan!) as object), violations: unexpected, expectedViolations: known, staleExpectations: stale.map((s) => s.line) });
    } else {
      process.stdout.write(formatPlanTable(result.plan!));
      for (const line of unexpected) console.log(`  VIOLATION ${env.name}: ${line}`);
      for (const line of known) console.log(`  expected  ${env.name}: ${line}`);
      for (const s of stale) console.log(`  STALE     ${env.name}: ${EXPECTED_VIOLATIONS_FILE} lists a violation that no longer occurs, remove it: ${s.line}`);
      console.log(`${env.name}: ${unexpected.length} violation(s), ${known.length} expected, ${stale.length} stale expectation(s)\n`);
    }
    if (unexpected.length > 0 || stale.length > 0) failed = true;
  }
  if (format === 'json') process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
  return failed ? 1 : 0;
}

const cli = require.main === module ? cliArgs(process.argv.slice(2), PLAN_CLI, 'plan') : undefined;
if (cli) {
  exitQuietlyOnClosedPipe();
  runMain('plan', () => main(cli), { failureCode: 2 });
}

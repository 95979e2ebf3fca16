// `npx tsx scripts/rehearse/rehearse-policies.ts [--env a,b]`: the deploy-day rehearsal of each
// environment, then Kyverno's admission controller (built by `bash scripts/tools.sh
// kyverno-controller`) against the same control plane and the policy scenario on it.
// Exit 1 when a scenario fails, 2 on a usage or start-up error.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { environments } from '../../environments';
import { cliArgs, type CliSpec, type ParsedArgs } from '../../lib/cli/args';
import { selectByName } from '../../lib/config/select-by-name';
import { buildSyncPlan } from '../../lib/plan';
import { CONTROL_PLANE_BINARIES } from '../../lib/rehearsal/control-plane';
import { KYVERNO_BINARY } from '../../lib/rehearsal/local-controllers/kyverno';
import { desiredStateOf } from '../desired/desired-state-of';
import { pinnedCrds } from '../upstream/pinned-crds';
import { formatScenarioResults, rehearsePolicies } from './policy-rehearsal';
import { CONTROL_PLANE_TOOLS } from './rehearsal-setup';

export const REHEARSE_POLICIES_CLI: CliSpec = {
  command: 'npx tsx scripts/rehearse/rehearse-policies.ts',
  summary: 'Rehearses each environment, then runs Kyverno\'s admission controller against it and the policy scenario.',
  options: { '--env': { value: '<a,b>', description: 'only these environments (default: all)' } },
};

async function main(parsed: ParsedArgs): Promise<number> {
  const envs = selectByName(parsed.values.get('--env'), environments);
  const missing = [...CONTROL_PLANE_BINARIES, KYVERNO_BINARY].filter((b) => !existsSync(join(CONTROL_PLANE_TOOLS.binDir, b)));
  if (missing.length > 0) throw new Error(`missing ${missing.join(', ')} in .tools/bin: bash scripts/tools.sh control-plane kyverno-controller`);
  let failed = false;
  for (const env of envs) {
    const plan = buildSyncPlan(await desiredStateOf(env), pinnedCrds());
    const run = await rehearsePolicies(env, plan, (l) => process.stdout.write(`${l}\n`));
    console.log(formatScenarioResults(env.name, run.results, run.notExercised));
    const ok = run.results.every((r) => r.passed);
    console.log(`== policies ${env.name}: ${ok ? 'passed' : 'FAILED'}; rehearsal ${run.seconds.rehearsal.toFixed(0)} s, Kyverno ready ${run.seconds.kyvernoStart.toFixed(1)} s, scenario ${run.seconds.scenario.toFixed(1)} s (rehearsal failures: ${run.report.failures.length})\n`);
    if (!ok) failed = true;
  }
  return failed ? 1 : 0;
}

const cli = require.main === module ? cliArgs(process.argv.slice(2), REHEARSE_POLICIES_CLI, 'rehearse-policies') : undefined;
if (cli) {
  main(cli).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      console.error(`rehearse-policies: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 2;
    },
  );
}

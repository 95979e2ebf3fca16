// `npm run scan`: third-party scanners over every dist/<env> and the bootstrap's Terraform JSON.
// Bars: kube-score 0 CRITICAL, kube-linter 0 findings, Polaris score >= 95 with 0 danger, Checkov 0
// failed checks, except entries of scripts/scan/allowlist.yaml (each justified and dated).
// Scanners do not understand Argo Rollouts: the scan shows them a shadow Deployment per Rollout
// and resolves what points at Rollouts (scripts/scan/rollout-view.ts), and reports those findings
// against the Rollout.
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { environments } from '../environments';
import { cliArgs } from '../lib/cli/args';
import { exitQuietlyOnClosedPipe } from '../lib/cli/closed-pipe';
import { listFiles } from '../lib/render';
import { applyAllowlist, loadAllowlist } from './scan/allowlist';
import { describeFinding, type Finding } from './scan/finding';
import { retarget, writeScanInput } from './scan/scan-input';
import { checkov, installed, kubeLinter, kubeScore, polaris } from './scan/scanners';

exitQuietlyOnClosedPipe();
if (!cliArgs(process.argv.slice(2), { command: 'npm run scan', summary: 'Runs the third-party scanners over dist/ and the bootstrap Terraform, with the dated allowlist.' }, 'scan')) process.exit();
const root = resolve(__dirname, '..');
const dist = join(root, 'dist');
const POLARIS_MIN_SCORE = 95;
const today = new Date().toISOString().slice(0, 10);

// kube-linter and Polaris are optional: where their Go modules cannot be installed, the scan says
// so on every run instead of passing silently.
const optional = { kubeLinter: installed('kube-linter'), polaris: installed('polaris') };
const findings: Finding[] = [];
const summary: string[] = [];
const failures: string[] = [];
const work = mkdtempSync(join(tmpdir(), 'scan-'));

try {
  for (const env of environments) {
    const envDir = join(dist, env.name);
    if (!existsSync(envDir)) throw new Error(`${envDir} is missing: run npm run synth first`);
    // Only Kubernetes manifests: Helm values are not objects.
    const manifests = join(work, env.name);
    const files = listFiles(envDir).filter((f) => !f.startsWith('helm-values/'));
    const input = writeScanInput(envDir, files, manifests);

    const score = retarget(kubeScore(env.name, manifests, input.paths, env.cluster.kubernetesVersion), input.targets);
    const lint = optional.kubeLinter ? retarget(kubeLinter(env.name, manifests, input.paths), input.targets) : undefined;
    const pol = optional.polaris ? polaris(env.name, manifests) : undefined;
    const ck = retarget(checkov(env.name, { dir: manifests, framework: 'kubernetes' }), input.targets);
    findings.push(...score, ...(lint ?? []), ...retarget(pol?.findings ?? [], input.targets), ...ck);
    summary.push(
      `${env.name.padEnd(8)} ${String(files.length).padStart(4)} files + ${input.shadows} Rollout shadows | kube-score critical ${score.length} | ` +
        `kube-linter ${lint ? lint.length : 'not run'} | polaris ${pol ? `score ${pol.score} danger ${pol.findings.length}` : 'not run'} | checkov failed ${ck.length}`,
    );
    if (pol && pol.score < POLARIS_MIN_SCORE) failures.push(`${env.name}: Polaris score ${pol.score} is below ${POLARIS_MIN_SCORE}`);
  }

  const stacks = join(root, 'bootstrap', 'cdktf.out', 'stacks');
  if (!existsSync(stacks)) throw new Error(`${stacks} is missing: run npm run bootstrap:synth first`);
  for (const stack of readdirSync(stacks).sort()) {
    const env = environments.find((e) => stack === e.name || stack.endsWith(`-${e.name}`) || stack.startsWith(`${e.name}-`))?.name ?? stack;
    const tf = checkov(env, { file: join(stacks, stack, 'cdk.tf.json'), framework: 'terraform_json' });
    findings.push(...tf);
    summary.push(`${`bootstrap ${stack}`.padEnd(8)} | checkov (terraform) failed ${tf.length}`);
  }

  const ran = new Set(['kube-score', 'checkov', ...(optional.kubeLinter ? ['kube-linter'] : []), ...(optional.polaris ? ['polaris'] : [])]);
  const result = applyAllowlist(findings, loadAllowlist(join(root, 'scripts', 'scan', 'allowlist.yaml')), today, ran);
  console.log('scanner results (before allowlist):');
  for (const line of summary) console.log(`  ${line}`);
  console.log(`allowlisted: ${result.allowed.length} finding(s)`);
  for (const f of result.remaining) console.log(`FINDING ${describeFinding(f)}`);
  for (const p of result.problems) console.log(`ALLOWLIST ${p}`);
  for (const f of failures) console.log(`FAIL ${f}`);
  for (const [tool, present] of [['kube-linter', optional.kubeLinter], ['polaris', optional.polaris]] as const) {
    if (!present) console.log(`NOT RUN ${tool}: not installed (bash scripts/tools.sh ${tool}; its Go module must be reachable)`);
  }
  const bad = result.remaining.length + result.problems.length + failures.length;
  // The last line is what `npm run check` reads.
  const figures = `${result.remaining.length} findings, ${result.allowed.length} allowlisted, ${result.problems.length} allowlist problems`;
  console.log(bad === 0 ? `scan: passed (${figures})` : `scan: failed (${figures}${failures.length ? `, ${failures.length} other failures` : ''})`);
  process.exitCode = bad === 0 ? 0 : 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}

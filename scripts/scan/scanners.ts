import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { cachedToolRun } from '../../lib/tool-cache';
import type { Finding } from './finding';

const TOOLS = join(__dirname, '..', '..', '.tools', 'bin');
/** Scanner reports by the content hash of the scanner and of everything it reads (lib/tool-cache). */
const TOOL_RUNS = join(__dirname, '..', '..', '.cache', 'tool-runs');

/** Whether a scanner is installed in `.tools/bin`. */
export function installed(tool: string): boolean {
  return existsSync(join(TOOLS, tool));
}

/**
 * A scanner run over `inputs` (the files and folders it reads; `workDir` is the scan's scratch
 * folder). Scanners exit 1 when they find something: that is a completed run too.
 */
function run(tool: string, args: string[], inputs: readonly string[], workDir: string | undefined, env: Record<string, string> = {}): { stdout: string; stderr: string; status: number | null } {
  if (!installed(tool)) throw new Error(`${tool}: not found in ${TOOLS} (install it with: bash scripts/tools.sh ${tool})`);
  const r = cachedToolRun({ binary: join(TOOLS, tool), args, env, inputs, workDir, cacheDir: TOOL_RUNS, maxBuffer: 512 * 1024 * 1024 });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

function parseJson(tool: string, text: string): any {
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`${tool} printed no JSON report:\n${text.slice(0, 2000)}`);
  }
}

function target(kind: string, namespace: string | undefined, name: string): string {
  return namespace ? `${kind}/${namespace}/${name}` : `${kind}/${name}`;
}

/** kube-score over `files` (inside `dir`): every CRITICAL grade is a finding (warnings are advice). */
export function kubeScore(env: string, dir: string, files: readonly string[], kubernetesVersion: string): Finding[] {
  const r = run('kube-score', ['score', '-o', 'json', '--kubernetes-version', `v${kubernetesVersion}`, ...files], files, dir);
  const findings: Finding[] = [];
  for (const obj of parseJson('kube-score', r.stdout) ?? []) {
    for (const c of obj.checks ?? []) {
      if (c.skipped || c.grade !== 1) continue;
      const detail = (c.comments ?? []).map((m: { path?: string; summary: string }) => `${m.path ? `${m.path}: ` : ''}${m.summary}`).join('; ');
      findings.push({
        scanner: 'kube-score',
        check: c.check.id,
        env,
        target: target(obj.type_meta.kind, obj.object_meta.namespace, obj.object_meta.name),
        message: detail || c.check.name,
        file: obj.file_name ? relative(dir, obj.file_name) : undefined,
      });
    }
  }
  return findings;
}

/** kube-linter with its default checks over `files` (inside `dir`): every report is a finding. */
export function kubeLinter(env: string, dir: string, files: readonly string[]): Finding[] {
  const r = run('kube-linter', ['lint', '--format', 'json', ...files], files, dir);
  const report = parseJson('kube-linter', r.stdout);
  return (report.Reports ?? []).map((rep: any) => ({
    scanner: 'kube-linter' as const,
    check: rep.Check,
    env,
    target: target(rep.Object.K8sObject.GroupVersionKind.Kind, rep.Object.K8sObject.Namespace || undefined, rep.Object.K8sObject.Name),
    message: rep.Diagnostic.Message,
    file: rep.Object.Metadata?.FilePath ? relative(dir, rep.Object.Metadata.FilePath) : undefined,
  }));
}

/** Polaris: failed `danger` checks are findings; the score is returned for the threshold. */
export function polaris(env: string, dir: string): { findings: Finding[]; score: number } {
  const r = run('polaris', ['audit', '--audit-path', dir, '--format', 'json', '--only-show-failed-tests'], [dir], dir);
  const report = parseJson('polaris', r.stdout);
  const findings: Finding[] = [];
  for (const res of report.Results ?? []) {
    const t = target(res.Kind, res.Namespace || undefined, res.Name);
    const collect = (results: Record<string, any> | null | undefined, where: string) => {
      for (const [id, result] of Object.entries(results ?? {})) {
        if (!result.Success && result.Severity === 'danger') findings.push({ scanner: 'polaris', check: id, env, target: t, message: `${where}${result.Message}` });
      }
    };
    collect(res.Results, '');
    collect(res.PodResult?.Results, '');
    for (const c of res.PodResult?.ContainerResults ?? []) collect(c.Results, `container ${c.Name}: `);
  }
  return { findings, score: Number(report.Score ?? 0) };
}

/** Checkov over Kubernetes manifests (`kubernetes`) or CDK for Terraform output (`terraform_json`). */
export function checkov(env: string, args: { dir?: string; file?: string; framework: 'kubernetes' | 'terraform_json' }): Finding[] {
  const input = args.dir ? ['-d', args.dir] : ['-f', args.file!];
  // --skip-download and BC_SKIP_MAPPING keep it offline (no guideline download).
  const r = run('checkov', [...input, '--framework', args.framework, '-o', 'json', '--quiet', '--compact', '--skip-download'], [args.dir ?? args.file!], args.dir, { BC_SKIP_MAPPING: 'TRUE' });
  const parsed = parseJson('checkov', r.stdout);
  const reports = Array.isArray(parsed) ? parsed : [parsed];
  return reports.flatMap((rep: any) =>
    (rep.results?.failed_checks ?? []).map((c: any): Finding => {
      if (args.framework !== 'kubernetes') return { scanner: 'checkov', check: c.check_id, env, target: c.resource, message: c.check_name };
      // Resources read `Kind.namespace.name` (graph checks append labels); the scan names
      // objects by the file they came from, this is only the fallback.
      const [kind, namespace, ...name] = String(c.resource).split('.');
      const file = typeof c.file_path === 'string' ? c.file_path.replace(/^\//, '') : undefined;
      return { scanner: 'checkov', check: c.check_id, env, target: target(kind, namespace, name.join('.')), message: c.check_name, file };
    }),
  );
}

// `npm run import`: regenerates imports/ with `cdk8s import` from the pinned upstream CRDs, for the
// kinds listed in scripts/import/imported-kinds.ts.
// Each component is imported under its own module name, so Argo CD and Argo Rollouts (both
// argoproj.io) do not overwrite each other.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { UPSTREAM, type UpstreamName } from '../lib/upstream/pins';
import { parseAllDocuments, stringify } from 'yaml';
import { dropPropertiesOfScalars, sanitizeQuotedContinuations } from './upstream/sanitize-crd';
import { upstreamPath } from './upstream/upstream-dir';
import { IMPORTED_KINDS } from './import/imported-kinds';
import { cliArgs } from '../lib/cli/args';
import { exitQuietlyOnClosedPipe } from '../lib/cli/closed-pipe';

const root = resolve(__dirname, '..');
exitQuietlyOnClosedPipe();
const args = cliArgs(process.argv.slice(2), {
  command: 'npm run import --',
  summary: 'Regenerates imports/ from the pinned upstream CRDs with cdk8s import.',
  // `--out DIR` writes elsewhere (the reproducibility test compares such a run with imports/).
  options: { '--out': { value: '<dir>', description: 'write the modules into this folder instead of imports/' } },
}, 'import');
if (!args) process.exit();
const out = args.values.get('--out');
const importsDir = out !== undefined ? resolve(out) : join(root, 'imports');
const cdk8s = join(root, 'node_modules', '.bin', 'cdk8s');
const work = mkdtempSync(join(tmpdir(), 'cdk8s-import-'));

try {
  mkdirSync(importsDir, { recursive: true });
  // Start from an empty folder so a CRD dropped upstream leaves no stale module behind.
  for (const f of readdirSync(importsDir)) if (f.endsWith('.ts')) rmSync(join(importsDir, f));
  const specs: string[] = [];
  for (const [name, component] of Object.entries(UPSTREAM)) {
    const kinds = IMPORTED_KINDS[name as UpstreamName] ?? [];
    if (kinds.length === 0) continue;
    const docs = component.crds.flatMap((crd) =>
      parseAllDocuments(sanitizeQuotedContinuations(readFileSync(upstreamPath(crd), 'utf8'))).map((doc) => {
        if (doc.errors.length > 0) throw new Error(`${crd.file}: ${doc.errors[0].message}`);
        return dropPropertiesOfScalars(doc.toJS());
      }),
    );
    const kindOf = (crd: unknown) => (crd as { spec?: { names?: { kind?: string } } } | null)?.spec?.names?.kind;
    const missing = kinds.filter((kind) => !docs.some((d) => kindOf(d) === kind));
    if (missing.length > 0) throw new Error(`${name}: no pinned CRD defines ${missing.join(', ')}; fix scripts/import/imported-kinds.ts`);
    const spec = join(work, `${name}.yaml`);
    const imported = docs.filter((d) => kinds.includes(kindOf(d) ?? ''));
    writeFileSync(spec, imported.map((d) => stringify(d, { lineWidth: 0 })).join('---\n'));
    specs.push(`${name}:=${spec}`);
    console.log(`imports: ${name} ${component.appVersion} (${kinds.join(', ')})`);
  }
  // One cdk8s run for every module (each run costs more to start than most modules take): with no
  // spec on the command line, `cdk8s import` imports the `imports` list of cdk8s.yaml.
  writeFileSync(join(work, 'cdk8s.yaml'), stringify({ language: 'typescript', imports: specs }));
  execFileSync(cdk8s, ['import', '--language', 'typescript', '--output', importsDir, '--no-save', '--no-check-upgrade'], {
    cwd: work,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, CDK8S_CHECK_UPGRADE: 'false' },
  });
} finally {
  rmSync(work, { recursive: true, force: true });
}

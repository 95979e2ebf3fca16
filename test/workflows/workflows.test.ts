import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { tempDir } from '../util';

type Step = { name?: string; uses?: string; run?: string; if?: string; with?: Record<string, unknown> };
type Job = { permissions?: Record<string, string>; steps: Step[] };
type Workflow = { on: Record<string, unknown>; permissions?: Record<string, string>; concurrency?: { group: string; 'cancel-in-progress': boolean }; jobs: Record<string, Job> };

const root = resolve(__dirname, '../..');
const folder = join(root, '.github/workflows');
const files = readdirSync(folder).filter((f) => /\.ya?ml$/.test(f)).sort();
const text = (file: string) => readFileSync(join(folder, file), 'utf8');
const workflow = (file: string) => parse(text(file)) as Workflow;
const scripts = Object.keys((JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts);
const steps = (w: Workflow) => Object.values(w.jobs).flatMap((j) => j.steps);

describe('GitHub Actions workflows', () => {
  test('one for pull requests, one for publishing', () => {
    expect(files).toEqual(['publish.yml', 'pull-request.yml']);
    expect(Object.keys(workflow('pull-request.yml').on)).toEqual(['pull_request']);
    expect(workflow('publish.yml').on).toEqual({ push: { branches: ['main'] } });
  });

  test.each(files)('%s pins every third-party action by full commit SHA with its version', (file) => {
    const uses = text(file).split('\n').filter((line) => /^\s*(- )?uses:/.test(line));
    expect(uses.length).toBeGreaterThan(0);
    for (const line of uses) expect(line).toMatch(/uses: [\w.-]+\/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
  });

  test.each(files)('%s runs only npm scripts that exist', (file) => {
    const named = steps(workflow(file)).flatMap((s) => [...(s.run ?? '').matchAll(/npm run (?:--silent )?([\w:-]+)/g)].map((m) => m[1]));
    expect(named.length).toBeGreaterThan(0);
    expect(named.filter((name) => !scripts.includes(name))).toEqual([]);
  });

  test.each(files)('%s grants nothing by default and each job only what it needs', (file) => {
    const w = workflow(file);
    expect(w.permissions).toEqual({});
    const granted = Object.fromEntries(Object.entries(w.jobs).map(([name, job]) => [name, job.permissions]));
    expect(granted).toEqual(
      file === 'publish.yml'
        ? { publish: { contents: 'write' } }
        : { check: { contents: 'read' }, diff: { contents: 'read', 'pull-requests': 'write' } },
    );
  });

  test('publishing is serialised, queued rather than cancelled, and never force-pushes', () => {
    const w = workflow('publish.yml');
    expect(w.concurrency).toEqual({ group: 'publish-gitops', 'cancel-in-progress': false });
    const runs = steps(w).map((s) => s.run ?? '');
    expect(runs).toContain('npm run publish -- --push');
    expect(runs.join('\n')).not.toMatch(/--force|push -f|\+refs/);
  });

  test('pull requests run the fast gate, and post the diff as job summary and one updated comment', () => {
    const w = workflow('pull-request.yml');
    const runs = steps(w).map((s) => s.run ?? '').join('\n');
    for (const command of ['npm run typecheck', 'npx jest --ci --selectProjects unit integration', 'npm run synth', 'npm run validate', 'npm run plan', 'npm run lint-workflows']) expect(runs).toContain(command);
    expect(runs).toContain('npm run --silent diff -- --no-synth --format markdown > "$RUNNER_TEMP/diff.md"');
    expect(runs).toContain('>> "$GITHUB_STEP_SUMMARY"');
    const comment = w.jobs.diff.steps.find((s) => s.uses?.startsWith('actions/github-script@'))!;
    expect(String(comment.with?.script)).toContain('updateComment');
    expect(String(comment.with?.script)).toContain("const marker = '<!-- eks-platform: argocd diff -->'");
  });

  test('Go build cache and .tools/ are cached, keyed on the tool pins', () => {
    const w = workflow('pull-request.yml');
    for (const job of Object.values(w.jobs)) {
      const cache = job.steps.find((s) => s.uses?.startsWith('actions/cache@'))!;
      expect(String(cache.with?.path)).toContain('~/.cache/go-build');
      expect(String(cache.with?.path)).toContain('.tools');
      expect(String(cache.with?.key)).toContain("hashFiles('scripts/tools.sh'");
    }
  });
});

describe('npm run lint-workflows', () => {
  const lint = (...args: string[]) => spawnSync('bash', [join(root, 'scripts/lint-workflows.sh'), ...args], { encoding: 'utf8' });

  test('passes on the committed workflows', () => {
    const result = lint();
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(`actionlint: ${files.length} workflows, no findings\n`);
    expect(result.status).toBe(0);
  });

  test('fails when a workflow has a finding, naming file, line and problem', () => {
    const file = join(tempDir('workflow-'), 'broken.yml');
    writeFileSync(file, 'on: push\njobs:\n  build:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: echo "${{ github.no_such_field }}"\n');
    const result = lint(file);
    expect(result.status).toBe(1);
    // actionlint names the file as given or relative to the working directory, with line and column.
    expect(result.stdout).toMatch(/(^|\/)broken\.yml:6:\d+: /m);
    expect(result.stdout).toContain('property "no_such_field" is not defined');
  });
});

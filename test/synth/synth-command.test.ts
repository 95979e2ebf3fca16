import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { synthCommand } from '../../charts/synth-command';
import { environments } from '../../environments';
import { listFiles, treeHash } from '../../lib/render';
import { envWith, tempDir } from '../util';

const quiet = { log: () => undefined, error: () => undefined };
const ROOT = resolve(__dirname, '../..');

describe('synth', () => {
  test('renders every environment into dist/<env>/<chart>/', () => {
    const out = tempDir();
    expect(synthCommand([], environments, { outdir: out, log: quiet })).toBe(0);
    for (const env of environments) expect(existsSync(join(out, env.name, 'baseline'))).toBe(true);
  });

  test('is deterministic: a second render changes no byte', () => {
    const out = tempDir();
    synthCommand([], environments, { outdir: out, log: quiet });
    const first = treeHash(out);
    synthCommand([], environments, { outdir: out, log: quiet });
    expect(treeHash(out)).toBe(first);
  });

  test('--env renders one environment and leaves the others alone', () => {
    const out = tempDir();
    synthCommand([], environments, { outdir: out, log: quiet });
    const devBefore = treeHash(join(out, 'dev'));
    writeFileSync(join(out, 'prod', 'baseline', 'stale.yaml'), 'stale: true\n');
    expect(synthCommand(['--env', 'prod'], environments, { outdir: out, log: quiet })).toBe(0);
    expect(existsSync(join(out, 'prod', 'baseline', 'stale.yaml'))).toBe(false);
    expect(treeHash(join(out, 'dev'))).toBe(devBefore);
  });

  test('fails on an unknown --env without touching the output', () => {
    const out = tempDir();
    const errors: string[] = [];
    expect(synthCommand(['--env', 'qa'], environments, { outdir: out, log: { log: () => undefined, error: (m) => errors.push(m) } })).toBe(1);
    expect(errors[0]).toContain('--env qa: unknown environment; expected one of dev, staging, prod');
    expect(listFiles(out)).toEqual([]);
  });

  test('is atomic: an invalid environment fails with a precise message and leaves dist/ byte-identical', () => {
    const out = tempDir();
    synthCommand([], environments, { outdir: out, log: quiet });
    const before = treeHash(out);
    const broken = environments.map((e) => (e.name === 'prod' ? envWith('prod', { namespaces: [{ name: 'apps', tier: 'apps', quotaCpu: -4, quotaMemoryGiB: 8, quotaPods: 10 }] }) : e));
    const errors: string[] = [];
    expect(synthCommand([], broken, { outdir: out, log: { log: () => undefined, error: (m) => errors.push(m) } })).toBe(1);
    expect(errors.join('\n')).toContain('prod: namespaces[0].quotaCpu = -4: must be a positive number');
    expect(treeHash(out)).toBe(before);
  });

  test('the CLI exits non-zero on invalid config and leaves dist/ untouched', () => {
    // A copy of the repository whose prod environment is broken, run through the real entry point.
    const repo = tempDir('eks-platform-cli-');
    for (const dir of ['charts', 'environments', 'lib', 'imports', 'main.ts', 'package.json', 'tsconfig.json']) {
      if (existsSync(join(ROOT, dir))) cpSync(join(ROOT, dir), join(repo, dir), { recursive: true });
    }
    execFileSync('ln', ['-s', join(ROOT, 'node_modules'), join(repo, 'node_modules')]);
    const tsx = join(ROOT, 'node_modules', '.bin', 'tsx');
    expect(spawnSync(tsx, ['main.ts'], { cwd: repo, encoding: 'utf8' }).status).toBe(0);
    const before = treeHash(join(repo, 'dist'));
    const prodFile = join(repo, 'environments', 'prod.ts');
    writeFileSync(prodFile, readFileSync(prodFile, 'utf8').replace("availabilityZones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c']", "availabilityZones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1z']"));
    const run = spawnSync(tsx, ['main.ts'], { cwd: repo, encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('prod: aws.availabilityZones[2] = "eu-west-1z": must be an availability zone of eu-west-1');
    expect(treeHash(join(repo, 'dist'))).toBe(before);
  });
});

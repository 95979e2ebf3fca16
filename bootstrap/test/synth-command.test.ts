import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { environments } from '../../environments';
import { bootstrapSynthCommand } from '../src/synth-command';

function run(argv: string[]) {
  const outdir = mkdtempSync(join(tmpdir(), 'bootstrap-synth-'));
  const lines: string[] = [];
  const log = { log: (m: string) => lines.push(m), error: (m: string) => lines.push(m) };
  return { code: bootstrapSynthCommand(argv, environments, { outdir, log }), outdir, lines };
}

describe('bootstrapSynthCommand', () => {
  test('writes the Terraform JSON of the selected environment only', () => {
    const { code, outdir, lines } = run(['--env', 'dev']);
    expect(code).toBe(0);
    expect(lines).toEqual([`${outdir}/stacks/dev/cdk.tf.json`]);
    expect(JSON.parse(readFileSync(join(outdir, 'stacks/dev/cdk.tf.json'), 'utf8')).terraform.backend.s3.key).toBe('dev/bootstrap.tfstate');
    expect(existsSync(join(outdir, 'stacks/prod'))).toBe(false);
  });

  test('is deterministic: two runs write the same bytes', () => {
    const first = run(['--env', 'staging']);
    const second = run(['--env', 'staging']);
    const read = (dir: string) => readFileSync(join(dir, 'stacks/staging/cdk.tf.json'), 'utf8');
    expect(read(first.outdir)).toBe(read(second.outdir));
  });

  test('fails when an environment is unknown', () => {
    const { code, lines } = run(['--env', 'qa']);
    expect(code).toBe(1);
    expect(lines[0]).toBe('--env qa: unknown environment; expected one of dev, staging, prod');
  });

  test('fails when given an unknown argument, with the usage', () => {
    const { code, lines } = run(['--evn', 'prod']);
    expect(code).toBe(2);
    expect(lines[0]).toMatch(/^bootstrap synth: unknown argument --evn \(did you mean --env\?\)\nusage: npm run bootstrap:synth -- \[--env <a,b>\]/);
  });

  test('takes --env=dev like --env dev', () => {
    const { code, outdir } = run(['--env=dev']);
    expect(code).toBe(0);
    expect(existsSync(join(outdir, 'stacks/dev/cdk.tf.json'))).toBe(true);
  });
});

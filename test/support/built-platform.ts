// The committed environments, built once and shared by the tests that only read them. A test that
// changes a configuration builds its own (util.ts: envWith, platformViolations).
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { App } from 'cdk8s';
import { buildPlatform, renderEnvironment } from '../../charts/platform';
import { synthCommand } from '../../charts/synth-command';
import { environments } from '../../environments';
import type { RenderedFile } from '../../lib/render';
import { env, tempDir } from '../util';

const apps = new Map<string, App>();
const files = new Map<string, readonly RenderedFile[]>();

/** Committed environment `name` built into a cdk8s App (platform checks run), once per test file. Read only. */
export function builtPlatform(name: string): App {
  if (!apps.has(name)) apps.set(name, buildPlatform(env(name)));
  return apps.get(name)!;
}

/** The files committed environment `name` renders to (all checks run), once per test file. Read only. */
export function renderedEnvironment(name: string): readonly RenderedFile[] {
  if (!files.has(name)) files.set(name, renderEnvironment(env(name)));
  return files.get(name)!;
}

/**
 * A folder holding every committed environment as `npm run synth` writes it (`<env>/<chart>/…`),
 * synthesized once per jest worker and run (test/support/test-run.ts gives the run its folder;
 * outside a jest run, once per file). Read only: tests that write into dist/ make their own.
 */
export function renderedDist(): string {
  const run = process.env.EKS_PLATFORM_TEST_RUN;
  const dir = run ? join(run, `dist-${process.pid}`) : (sharedDist ??= join(tempDir('rendered-dist-'), 'dist'));
  if (existsSync(dir)) return dir;
  const staging = `${dir}.part`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  const errors: string[] = [];
  if (synthCommand([], environments, { outdir: staging, log: { log: () => undefined, error: (m) => errors.push(m) } }) !== 0) {
    throw new Error(`synth of the committed environments failed:\n${errors.join('\n')}`);
  }
  renameSync(staging, dir);
  return dir;
}
let sharedDist: string | undefined;

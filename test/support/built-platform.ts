// The committed environments, built once and shared by the tests that only read them. A test that
// changes a configuration builds its own (util.ts: envWith, platformViolations).
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { App } from 'cdk8s';
import { buildPlatform, renderEnvironment } from '../../charts/platform';
import { synthCommand } from '../../charts/synth-command';
import { environments } from '../../environments';
import type { RenderedFile } from '../../lib/render';
import { env, platformViolations, tempDir } from '../util';

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

const verdicts = new Map<string, string[]>();

/**
 * The build and platform-check violations of committed environment `name`, one line each (empty
 * when it builds): worked out once per jest worker and run, shared by the test files that assert
 * the committed environments pass a check (the list is what is shared, not the App).
 */
export function committedViolations(name: string): string[] {
  const run = process.env.EKS_PLATFORM_TEST_RUN;
  const file = run ? join(run, `violations-${process.pid}-${name}.json`) : undefined;
  if (!verdicts.has(name)) {
    if (file && existsSync(file)) verdicts.set(name, JSON.parse(readFileSync(file, 'utf8')) as string[]);
    else {
      verdicts.set(name, apps.has(name) ? [] : platformViolations(env(name)));
      if (file) writeFileSync(file, JSON.stringify(verdicts.get(name)));
    }
  }
  return verdicts.get(name)!;
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

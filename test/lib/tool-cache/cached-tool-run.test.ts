import { chmodSync, mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cachedToolRun, type ToolRunRequest } from '../../../lib/tool-cache';
import { tempDir } from '../../util';

/** A tool that prints its arguments and the files it reads, counts its runs and exits with `exit`. */
function fakeTool(dir: string): { binary: string; runs: () => number } {
  const binary = join(dir, 'bin', 'checker');
  mkdirSync(join(dir, 'bin'), { recursive: true });
  const counter = join(dir, 'runs');
  writeFileSync(counter, '');
  writeFileSync(binary, `#!/bin/sh\necho run >> ${counter}\necho "args: $*"\nfor f in "$@"; do [ -f "$f" ] && cat "$f"; done\nexit "\${EXIT:-0}"\n`);
  chmodSync(binary, 0o755);
  return { binary, runs: () => readFileSync(counter, 'utf8').split('\n').filter(Boolean).length };
}

describe('cachedToolRun', () => {
  let dir: string;
  let tool: ReturnType<typeof fakeTool>;
  let input: string;
  let request: ToolRunRequest;
  beforeEach(() => {
    dir = tempDir('tool-cache-');
    tool = fakeTool(dir);
    input = join(dir, 'a.yaml');
    writeFileSync(input, 'kind: A\n');
    request = { binary: tool.binary, args: [input], inputs: [input], cacheDir: join(dir, 'cache') };
  });

  test('an identical run is read from the cache, output and exit code included', () => {
    const first = cachedToolRun({ ...request, env: { EXIT: '1' } });
    const second = cachedToolRun({ ...request, env: { EXIT: '1' } });
    expect(first).toMatchObject({ status: 1, stdout: `args: ${input}\nkind: A\n`, cached: false });
    expect(second).toEqual({ ...first, cached: true });
    expect(tool.runs()).toBe(1);
  });

  test('a changed input, argument, environment or tool runs the tool again', () => {
    cachedToolRun(request);
    writeFileSync(input, 'kind: B\n');
    expect(cachedToolRun(request).stdout).toContain('kind: B');
    expect(cachedToolRun({ ...request, args: [input, '--strict'] }).cached).toBe(false);
    expect(cachedToolRun({ ...request, env: { MODE: 'x' } }).cached).toBe(false);
    writeFileSync(join(dir, 'bin', '.checker.version'), 'v2\n');
    expect(cachedToolRun(request).cached).toBe(false);
    utimesSync(tool.binary, new Date(), new Date(Date.now() + 60_000));
    expect(cachedToolRun(request).cached).toBe(false);
    expect(tool.runs()).toBe(6);
  });

  test('a file added to an input folder runs the tool again', () => {
    const folder = join(dir, 'manifests');
    mkdirSync(folder);
    writeFileSync(join(folder, 'one.yaml'), 'kind: One\n');
    const inFolder = { ...request, args: [folder], inputs: [folder] };
    cachedToolRun(inFolder);
    expect(cachedToolRun(inFolder).cached).toBe(true);
    writeFileSync(join(folder, 'two.yaml'), 'kind: Two\n');
    expect(cachedToolRun(inFolder).cached).toBe(false);
  });

  test('the same contents in another scratch folder hit the cache, with that folder in the output', () => {
    const run = (work: string) => {
      writeFileSync(join(work, 'pods.yaml'), 'kind: Pod\n');
      return cachedToolRun({ ...request, args: [join(work, 'pods.yaml')], inputs: [join(work, 'pods.yaml')], workDir: work });
    };
    const first = run(tempDir('tool-cache-work-'));
    const otherWork = tempDir('tool-cache-work-');
    const second = run(otherWork);
    expect(second.cached).toBe(true);
    expect(second.stdout).toBe(`args: ${join(otherWork, 'pods.yaml')}\nkind: Pod\n`);
    expect(first.stdout).not.toBe(second.stdout);
  });

  test('further scratch folders are keyed by their contents, not their paths; changed contents run again', () => {
    const run = (work: string, crds: string, crd: string) => {
      writeFileSync(join(work, 'pods.yaml'), 'kind: Pod\n');
      writeFileSync(join(crds, 'crd.yaml'), crd);
      return cachedToolRun({ ...request, args: [join(work, 'pods.yaml'), join(crds, 'crd.yaml')], inputs: [join(work, 'pods.yaml'), crds], workDir: work, scratchDirs: [crds] });
    };
    expect(run(tempDir('tool-cache-work-'), tempDir('tool-cache-crds-'), 'kind: CRD\n').cached).toBe(false);
    const crds = tempDir('tool-cache-crds-');
    const second = run(tempDir('tool-cache-work-'), crds, 'kind: CRD\n');
    expect(second.cached).toBe(true);
    expect(second.stdout).toContain(`${join(crds, 'crd.yaml')}\n`);
    expect(run(tempDir('tool-cache-work-'), tempDir('tool-cache-crds-'), 'kind: OtherCRD\n').cached).toBe(false);
  });

  test('fails when the tool cannot run; a run that did not complete is not kept', () => {
    expect(() => cachedToolRun({ ...request, binary: join(dir, 'bin', 'missing') })).toThrow(/missing/);
    cachedToolRun({ ...request, env: { EXIT: '7' } });
    expect(cachedToolRun({ ...request, env: { EXIT: '7' } }).cached).toBe(false);
    expect(tool.runs()).toBe(2);
  });
});

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { listFiles, treeHash } from '../../lib/render';
import { tempDir } from '../util';

const ROOT = resolve(__dirname, '../..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');

/** Runs the real entry point from `cwd` with extra environment variables; returns the output dir. */
function synthFrom(cwd: string, extraEnv: Record<string, string>): string {
  const run = spawnSync(TSX, [join(ROOT, 'main.ts')], { cwd, encoding: 'utf8', env: { ...process.env, ...extraEnv } });
  if (run.status !== 0) throw new Error(`synth failed: ${run.stderr}`);
  return join(cwd, 'dist');
}

describe('determinism across machines', () => {
  const reference = synthFrom(tempDir(), { TZ: 'UTC', LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' });

  test.each([
    ['another time zone and locale', { TZ: 'Pacific/Chatham', LANG: 'tr_TR.UTF-8', LC_ALL: 'tr_TR.UTF-8' }],
    ['a negative UTC offset and German locale', { TZ: 'America/St_Johns', LANG: 'de_DE.UTF-8', LC_ALL: 'de_DE.UTF-8' }],
  ])('synth under %s in another working directory gives the same tree hash', (_, extraEnv) => {
    expect(treeHash(synthFrom(tempDir('elsewhere-'), extraEnv))).toBe(treeHash(reference));
  });

  test('output has LF endings, no absolute paths and no timestamps', () => {
    const files = listFiles(reference);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const text = readFileSync(join(reference, file), 'utf8');
      expect({ file, crlf: text.includes('\r') }).toEqual({ file, crlf: false });
      // Paths of the machine that rendered (repository, working directory, home) must not leak;
      // in-container paths such as /tmp/config are legitimate values.
      const leaked = [ROOT, dirname(reference), homedir()].filter((p) => text.includes(`${p}/`));
      expect({ file, leaked }).toEqual({ file, leaked: [] });
      expect({ file, timestamp: /\b20\d\d-\d\d-\d\dT\d\d:\d\d/.test(text) }).toEqual({ file, timestamp: false });
    }
  });
});

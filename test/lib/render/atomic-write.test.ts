import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { listFiles, treeHash, writeTreesAtomically } from '../../../lib/render';
import { tempDir } from '../../util';

const file = (path: string, content = `${path}\n`) => ({ path, content });

describe('writeTreesAtomically', () => {
  test('replaces each named folder whole and leaves the others alone', () => {
    const out = join(tempDir(), 'dist');
    writeTreesAtomically(out, new Map([['a', [file('x/one.yaml'), file('x/stale.yaml')]], ['b', [file('two.yaml')]]]));
    writeTreesAtomically(out, new Map([['a', [file('x/one.yaml', 'new\n')]]]));
    expect(listFiles(out)).toEqual(['a/x/one.yaml', 'b/two.yaml']);
    expect(readdirSync(dirname(out))).toEqual(['dist', 'dist.generations']);
  });

  test('writes trees produced one at a time, and nothing when producing one fails', () => {
    const out = join(tempDir(), 'dist');
    mkdirSync(join(out, 'a'), { recursive: true });
    writeFileSync(join(out, 'a', 'old.yaml'), 'old\n');
    const before = treeHash(out);
    function* trees(): Generator<[string, ReturnType<typeof file>[]]> {
      yield ['a', [file('new.yaml')]];
      throw new Error('b does not render');
    }
    expect(() => writeTreesAtomically(out, trees())).toThrow('b does not render');
    expect(treeHash(out)).toBe(before);
    expect(readdirSync(dirname(out))).toEqual(['dist', 'dist.generations']);
    expect(existsSync(join(out, 'a', 'new.yaml'))).toBe(false);
  });

  test('many writes in a row each leave one complete generation', () => {
    const out = join(tempDir(), 'dist');
    for (let i = 0; i < 20; i++) writeTreesAtomically(out, new Map([[`e${i % 3}`, [file('v.txt', `${i}\n`)]]]));
    expect(listFiles(out)).toEqual(['e0/v.txt', 'e1/v.txt', 'e2/v.txt']);
    expect(readdirSync(`${out}.generations`)).toHaveLength(1);
  });
});

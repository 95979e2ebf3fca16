import { stringify } from 'yaml';
import { renderedEnvironment } from '../../support/built-platform';
import { environments } from '../../../environments';
import { toYaml, YAML_OPTIONS } from '../../../lib/render';

/** Deterministic pseudo-random numbers (a linear congruential generator), so failures reproduce. */
function random(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

// Strings that exercise every way YAML can write a scalar: plain, quoted (implicit types of YAML
// 1.1, indicators, document markers), block literals with each chomping and indentation indicator.
const PIECES = [
  '', ' ', 'a', 'name', 'yes', 'No', 'on', 'OFF', 'y', 'n', 'null', '~', 'true', 'e5', '1e3', '0x1F', '0755', '0b101', '1:20', '2024-01-01',
  '.5', '.inf', '.NaN', '-', '?', ':', 'a:', 'a: b', 'a #b', '#x', '*x', '&x', '!x', '|', '>', "'", '"', '%x', '@x', '`x', '---', '...', '---x',
  'a\nb', 'a\nb\n', 'a\nb\n\n', '\n', ' a\nb', 'a \nb', 'a\n b', '\tx', '\u0001', 'é', '😀', 'a,b', '[x]', '{x}', '<<', 'a=b', '0', '-1', '+1',
  '1_000', 'app.kubernetes.io/name', 'arn:aws:iam::1:role/x', 'http://x:8080/p', `${'a'.repeat(50)}\n${'b'.repeat(50)}`, 'line1\n\n\nline4\n', '  lead',
  'trail  ', 'x\r\ny', `"both" 'quotes'`,
];

function randomValue(next: () => number, depth: number): unknown {
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)];
  const text = () => Array.from({ length: 1 + Math.floor(next() * 3) }, () => pick(PIECES)).join('');
  const r = next();
  if (depth > 4 || r < 0.45) {
    const t = next();
    if (t < 0.6) return text();
    if (t < 0.7) return Math.floor(next() * 2000 - 1000);
    if (t < 0.75) return next() * 10;
    return pick([null, true, false, -0, 1e21, undefined]);
  }
  if (r < 0.75) {
    const map: Record<string, unknown> = {};
    for (let i = Math.floor(next() * 4); i > 0; i--) map[next() < 0.6 ? `${pick(['a', 'name', 'b-c', 'app.kubernetes.io/x'])}${i}` : text()] = randomValue(next, depth + 1);
    return map;
  }
  return Array.from({ length: Math.floor(next() * 4) }, () => randomValue(next, depth + 1));
}

describe('toYaml', () => {
  test('writes the same bytes as yaml.stringify for 2000 random documents of tricky strings', () => {
    const next = random(7);
    let compared = 0;
    for (let i = 0; i < 2000; i++) {
      const value = next() < 0.5 ? { root: randomValue(next, 0), other: randomValue(next, 1) } : randomValue(next, 0);
      expect({ value, yaml: toYaml(value) }).toEqual({ value, yaml: stringify(value, YAML_OPTIONS) });
      compared++;
    }
    expect(compared).toBe(2000);
  });

  test('writes the same bytes as yaml.stringify for every object and Helm values file of every environment', () => {
    for (const env of environments) {
      const files = renderedEnvironment(env.name).filter((f) => f.path.endsWith('.yaml'));
      expect(files.length).toBeGreaterThan(50);
      for (const file of files) {
        const body = file.content.slice(file.content.indexOf('\n') + 1);
        expect({ file: file.path, body }).toEqual({ file: file.path, body: stringify(file.object, YAML_OPTIONS) });
      }
    }
  });

  test('quotes what a YAML 1.1 reader would take for another type, and keeps identifiers plain', () => {
    expect(toYaml({ a: 'yes', b: 'e5', c: '0755', d: '2024-01-01', e: 'nginx:1.27', f: 'app.kubernetes.io/name' })).toBe(
      'a: "yes"\nb: "e5"\nc: "0755"\nd: "2024-01-01"\ne: nginx:1.27\nf: app.kubernetes.io/name\n',
    );
  });

  test('indents block literals to their depth', () => {
    expect(toYaml({ a: [{ script: 'set -e\necho ok\n' }] })).toBe('a:\n  - script: |\n      set -e\n      echo ok\n');
  });

  test('leaves what is not plain data to yaml: class instances, undefined in sequences, top-level scalars', () => {
    class Box {
      constructor(public readonly size: number) {}
    }
    for (const value of [{ box: new Box(1) }, { list: [1, undefined] }, 'text', 42, {}, [], { when: new Date(0) }]) {
      expect(toYaml(value)).toBe(stringify(value, YAML_OPTIONS));
    }
  });
});

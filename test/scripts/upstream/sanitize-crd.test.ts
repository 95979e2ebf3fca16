import { readFileSync } from 'node:fs';
import { parse, parseAllDocuments } from 'yaml';
import { UPSTREAM } from '../../../lib/upstream/pins';
import { dropPropertiesOfScalars, sanitizeQuotedContinuations } from '../../../scripts/upstream/sanitize-crd';
import { upstreamPath } from '../../../scripts/upstream/upstream-dir';

// js-yaml reads under-indented quoted continuations the way Kubernetes' YAML reader does; it is
// the lenient reference here (a dependency of jest, untyped).
const jsYaml = require('js-yaml') as { loadAll(text: string): unknown[] };

const strictErrors = (text: string) => parseAllDocuments(text).flatMap((d) => d.errors.map((e) => e.message.split('\n')[0]));

describe('sanitizeQuotedContinuations', () => {
  test('indents continuation lines of a quoted value below its key, changing no content', () => {
    const text = [
      'schema:',
      '  apiVersion:',
      "    description: 'APIVersion defines the versioned schema",
      "    of an object. More info: https://example.com/#resources'",
      '    type: string',
      '',
    ].join('\n');
    expect(strictErrors(text)).not.toEqual([]);
    const sanitized = sanitizeQuotedContinuations(text);
    expect(strictErrors(sanitized)).toEqual([]);
    expect(parse(sanitized)).toEqual({
      schema: { apiVersion: { description: 'APIVersion defines the versioned schema of an object. More info: https://example.com/#resources', type: 'string' } },
    });
  });

  test('handles double quotes with escaped quotes, doubled single quotes and list items', () => {
    const text = [
      'items:',
      '  - description: "say \\"hi\\"',
      '    twice"',
      "  - note: 'it''s",
      "    fine'",
      '',
    ].join('\n');
    const sanitized = sanitizeQuotedContinuations(text);
    expect(strictErrors(sanitized)).toEqual([]);
    expect(parse(sanitized)).toEqual({ items: [{ description: 'say "hi" twice' }, { note: "it's fine" }] });
  });

  test('leaves strict YAML unchanged', () => {
    const text = "a:\n  b: 'one line'\n  c: \"two\n    lines\"\n  d: |\n    it's: 'not quoted\n";
    expect(sanitizeQuotedContinuations(text)).toBe(text);
  });

  test('the pinned Litmus CRDs parse strictly after sanitizing, to what a lenient reader gets from the original', () => {
    for (const crd of UPSTREAM.litmus.crds) {
      const original = readFileSync(upstreamPath(crd), 'utf8');
      expect(strictErrors(original).length).toBeGreaterThan(0);
      const sanitized = sanitizeQuotedContinuations(original);
      expect(strictErrors(sanitized)).toEqual([]);
      // Only indentation changed.
      expect(sanitized.split('\n').map((l) => l.trim())).toEqual(original.split('\n').map((l) => l.trim()));
      const strict = parseAllDocuments(sanitized).map((d) => d.toJS());
      expect(strict).toEqual(jsYaml.loadAll(original));
      expect(strict.map((d) => (d as { spec: { names: { kind: string } } }).spec.names.kind)).toEqual(['ChaosEngine', 'ChaosExperiment', 'ChaosResult', 'EventTrackerPolicy']);
    }
  }, 30_000);

  test('every other pinned CRD is already strict YAML and left byte-identical', () => {
    for (const [name, component] of Object.entries(UPSTREAM)) {
      if (name === 'litmus') continue;
      for (const crd of component.crds) {
        const original = readFileSync(upstreamPath(crd), 'utf8');
        expect(sanitizeQuotedContinuations(original)).toBe(original);
      }
    }
  }, 60_000);
});

describe('dropPropertiesOfScalars', () => {
  test('drops properties under non-object types only, recursing through maps and lists', () => {
    const schema = {
      type: 'object',
      properties: {
        labels: { type: 'object', additionalProperties: { type: 'string', properties: { bogus: { type: 'string' } } } },
        items: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' } } } },
        oneOf: [{ type: 'integer', properties: { x: {} } }],
        free: { properties: { kept: { type: 'string' } } },
      },
    };
    expect(dropPropertiesOfScalars(schema)).toEqual({
      type: 'object',
      properties: {
        labels: { type: 'object', additionalProperties: { type: 'string' } },
        items: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' } } } },
        oneOf: [{ type: 'integer' }],
        free: { properties: { kept: { type: 'string' } } },
      },
    });
  });

  test('removes exactly the three scalar properties blocks of the Litmus ChaosEngine CRD', () => {
    const docs = parseAllDocuments(sanitizeQuotedContinuations(readFileSync(upstreamPath(UPSTREAM.litmus.crds[0]), 'utf8'))).map((d) => d.toJS());
    const scalarsWithProperties = (node: unknown): number => {
      if (Array.isArray(node)) return node.reduce((n: number, x) => n + scalarsWithProperties(x), 0);
      if (node === null || typeof node !== 'object') return 0;
      const o = node as Record<string, unknown>;
      const here = typeof o.type === 'string' && o.type !== 'object' && 'properties' in o ? 1 : 0;
      return here + Object.values(o).reduce((n: number, x) => n + scalarsWithProperties(x), 0);
    };
    expect(scalarsWithProperties(docs)).toBe(3);
    expect(scalarsWithProperties(dropPropertiesOfScalars(docs))).toBe(0);
  }, 30_000);
});

import { environments } from '../../environments';
import { ENVIRONMENT_SHAPE } from '../../environments/shape';
import { BOOLEAN, closest, FREE_MAP, NUMBER, STRING, unknownKeys, wrongTypes, type Shape } from '../../lib/config/shape';
import { envWith, violationsOf } from '../util';

// Type-level proof that a shape cannot drift from its type: each line below must fail to compile
// (`tsc --noEmit`, part of npm test, fails on an unused @ts-expect-error).
interface Sample {
  readonly a: string;
  readonly nested: { readonly b: number };
  readonly list: readonly { readonly c: boolean }[];
  readonly map: Readonly<Record<string, string>>;
}
export const sample: Shape<Sample> = { a: STRING, nested: { b: NUMBER }, list: [{ c: BOOLEAN }], map: FREE_MAP };
// @ts-expect-error a key of the type is missing from the shape
export const missingKey: Shape<Sample> = { nested: { b: NUMBER }, list: [{ c: BOOLEAN }], map: FREE_MAP };
// @ts-expect-error the shape has a key the type does not
export const extraKey: Shape<Sample> = { a: STRING, nested: { b: NUMBER, z: NUMBER }, list: [{ c: BOOLEAN }], map: FREE_MAP };
// @ts-expect-error a nested object is not described as a leaf
export const flattened: Shape<Sample> = { a: STRING, nested: STRING, list: [{ c: BOOLEAN }], map: FREE_MAP };
// @ts-expect-error a leaf is given the wrong type
export const retyped: Shape<Sample> = { a: NUMBER, nested: { b: NUMBER }, list: [{ c: BOOLEAN }], map: FREE_MAP };

describe('environment shape', () => {
  test('the committed environments have no unknown key', () => {
    for (const env of environments) expect(unknownKeys(env.name, env, ENVIRONMENT_SHAPE)).toEqual([]);
  });

  test('fails when a flag is wrongly cased, suggesting the right key', () => {
    const broken = envWith('prod', { components: { demoapp: false } });
    expect(violationsOf(broken)).toEqual([
      'prod: components.demoapp = false: unknown key; did you mean components.demoApp? (components has karpenter, argoRollouts, keda, kyverno, externalSecrets, monitoring, chaos, demoApp)',
    ]);
  });

  test('fails when a nested key is misspelled', () => {
    expect(violationsOf(envWith('prod', { capacity: { disruption: { freezeShedule: '0 9 * * 1-5' } } }))).toEqual([
      expect.stringMatching(/^prod: capacity\.disruption\.freezeShedule = "0 9 \* \* 1-5": unknown key; did you mean capacity\.disruption\.freezeSchedule\? /),
    ]);
  });

  test('fails when a list item has an unknown key', () => {
    const namespaces = [...envWith('dev', {}).namespaces];
    namespaces[0] = { ...namespaces[0], quotaMemoryGb: 8 } as never;
    expect(violationsOf(envWith('dev', { namespaces }))).toEqual([
      expect.stringMatching(/^dev: namespaces\[0\]\.quotaMemoryGb = 8: unknown key; did you mean namespaces\[0\]\.quotaMemoryGiB\?/),
    ]);
  });

  test('fails when a top-level section is unknown, without a suggestion when nothing is close', () => {
    expect(violationsOf(envWith('dev', { featureFlags: { x: true } }))).toEqual([
      expect.stringMatching(/^dev: featureFlags = \{"x":true\}: unknown key \(the environment has name, tier, aws, /),
    ]);
  });

  test('fails when a value has the wrong type, reported once per field', () => {
    expect(violationsOf(envWith('prod', { gitops: { allowDestructivePrune: 'yes' } }))).toEqual(['prod: gitops.allowDestructivePrune = "yes": must be true or false']);
    expect(violationsOf(envWith('prod', { capacity: { spot: { maxCpu: '400' } } }))).toEqual(['prod: capacity.spot.maxCpu = "400": must be a number']);
    expect(violationsOf(envWith('dev', { capacity: { amd64OnlyImages: 'legacy/report' } }))).toEqual(['dev: capacity.amd64OnlyImages = "legacy/report": must be a list of values']);
  });

  test('wrongTypes checks list items against their shape', () => {
    expect(wrongTypes('x', { list: [{ c: true }, { c: 'no' }] }, sample)).toEqual([{ env: 'x', path: 'list[1].c', value: 'no', rule: 'must be true or false' }]);
  });

  test('free-form maps accept any key', () => {
    expect(violationsOf(envWith('prod', { governance: { policyActions: { 'require-probes': 'Audit' } } }))).toEqual([]);
  });

  test('closest finds case slips and small typos, and nothing for unrelated words', () => {
    expect(closest('DEMOAPP', ['demoApp', 'keda'])).toBe('demoApp');
    expect(closest('kedda', ['demoApp', 'keda'])).toBe('keda');
    expect(closest('featureFlags', ['demoApp', 'keda'])).toBeUndefined();
  });
});

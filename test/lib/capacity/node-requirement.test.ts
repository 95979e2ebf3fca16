import { compatible, satisfies } from '../../../lib/capacity';

describe('satisfies', () => {
  test.each([
    ['a', 'In', ['a', 'b'], true],
    [undefined, 'In', ['a'], false],
    ['a', 'NotIn', ['a'], false],
    [undefined, 'NotIn', ['a'], true],
    ['x', 'Exists', [], true],
    [undefined, 'DoesNotExist', [], true],
    ['6', 'Gt', ['5'], true],
    ['5', 'Gt', ['5'], false],
    ['5', 'Gte', ['5'], true],
  ] as const)('%s %s %j -> %s', (value, operator, values, expected) => {
    expect(satisfies(value, { key: 'k', operator, values: [...values] })).toBe(expected);
  });
});

describe('compatible', () => {
  const spot = [{ key: 'karpenter.sh/capacity-type', operator: 'In', values: ['spot'] }];

  test('a pod pinned to on-demand cannot use a spot node', () => {
    expect(compatible([{ key: 'karpenter.sh/capacity-type', operator: 'In', values: ['on-demand'] }], spot)).toBe(false);
    expect(compatible([{ key: 'karpenter.sh/capacity-type', operator: 'NotIn', values: ['spot'] }], spot)).toBe(false);
  });

  test('unrelated keys and unconstrained pods fit', () => {
    expect(compatible([], spot)).toBe(true);
    expect(compatible([{ key: 'topology.kubernetes.io/zone', operator: 'In', values: ['eu-west-1a'] }], spot)).toBe(true);
  });

  test('numeric ranges intersect', () => {
    expect(compatible([{ key: 'g', operator: 'Gt', values: ['5'] }], [{ key: 'g', operator: 'Lt', values: ['7'] }])).toBe(true);
    expect(compatible([{ key: 'g', operator: 'Gt', values: ['6'] }], [{ key: 'g', operator: 'Lt', values: ['7'] }])).toBe(false);
  });
});

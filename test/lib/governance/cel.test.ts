import { celString, celStringList } from '../../../lib/governance/cel';

describe('CEL literals', () => {
  test('quote label keys, registry hosts and names', () => {
    expect(celString('app.kubernetes.io/name')).toBe("'app.kubernetes.io/name'");
    expect(celStringList(['apps', 'data'])).toBe("['apps', 'data']");
  });

  test('fails when a value would need escaping (and could inject CEL)', () => {
    expect(() => celString("x' || true || '")).toThrow(`CEL literal "x' || true || '": only letters, digits and . _ : / @ - are allowed`);
  });
});

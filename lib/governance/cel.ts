/** Literals for CEL expressions built from props. */

/** A CEL string literal; rejects characters that would need escaping, so props cannot inject CEL. */
export function celString(value: string): string {
  if (!/^[A-Za-z0-9._:/@-]*$/.test(value)) {
    throw new Error(`CEL literal ${JSON.stringify(value)}: only letters, digits and . _ : / @ - are allowed`);
  }
  return `'${value}'`;
}

/** A CEL list of string literals. */
export function celStringList(values: readonly string[]): string {
  return `[${values.map(celString).join(', ')}]`;
}

/**
 * Repairs quoted scalars whose continuation lines are not indented deeper than their key.
 * Kubernetes' YAML reader accepts them, strict parsers (the `yaml` package cdk8s import uses)
 * reject or misread them; the Litmus CRDs contain many. Only indentation changes, so the parsed
 * content is what the API server reads from the original file.
 */
export function sanitizeQuotedContinuations(text: string): string {
  const lines = text.split('\n');
  let open: { quote: "'" | '"'; minIndent: number } | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (open) {
      const indent = line.length - line.trimStart().length;
      if (line.trim() !== '' && indent < open.minIndent) lines[i] = ' '.repeat(open.minIndent) + line.trimStart();
      if (closesQuote(line, open.quote)) open = undefined;
      continue;
    }
    const m = /^(\s*(?:- )?)[^'"#\s][^:'"]*:\s+(['"])(.*)$/.exec(line);
    if (m && !closesQuote(m[3], m[2] as "'" | '"')) {
      // Deeper than the key itself, which sits after the `- ` of a list item.
      open = { quote: m[2] as "'" | '"', minIndent: m[1].length + 2 };
    }
  }
  return lines.join('\n');
}

/** Whether `rest` (text after an opening quote) contains the closing quote. */
function closesQuote(rest: string, quote: "'" | '"'): boolean {
  // In single-quoted YAML a doubled quote is an escaped one.
  if (quote === "'") return rest.replace(/''/g, '').includes("'");
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === '\\') i++;
    else if (rest[i] === '"') return true;
  }
  return false;
}

/**
 * Drops `properties` from schema nodes whose `type` is not `object`. Validation ignores them
 * (a string has no properties), but cdk8s import's code generator refuses such schemas; the
 * Litmus ChaosEngine CRD has three (`additionalProperties: {type: string, properties: …}`).
 */
export function dropPropertiesOfScalars(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(dropPropertiesOfScalars);
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  const scalar = typeof (node as Record<string, unknown>).type === 'string' && (node as Record<string, unknown>).type !== 'object';
  for (const [key, value] of Object.entries(node)) {
    if (scalar && key === 'properties') continue;
    out[key] = dropPropertiesOfScalars(value);
  }
  return out;
}

/**
 * Terraform reads every JSON string as a template: `${` and `%{` start interpolations. Literal
 * text (Helm values, Kubernetes manifests, Lua health checks) is escaped to `$${` and `%%{`;
 * CDK reference markers (`${TfToken[...]}`) are left for synthesis to resolve.
 */
export function escapeTemplate(text: string): string {
  // Replacement functions, not strings: in a replacement string `$$` would collapse to `$`.
  return text.replace(/\$\{(?!TfToken\[)/g, () => '$${').replace(/%\{/g, () => '%%{');
}

/** `escapeTemplate` applied to every string (keys included) of a JSON-like value. */
export function escapeTemplateDeep<T>(value: T): T {
  if (typeof value === 'string') return escapeTemplate(value) as T;
  if (Array.isArray(value)) return value.map((v) => escapeTemplateDeep(v)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [escapeTemplate(k), escapeTemplateDeep(v)])) as T;
  }
  return value;
}

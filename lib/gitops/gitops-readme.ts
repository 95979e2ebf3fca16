/** The README at the root of the gitops branch. */
export function gitopsReadme(environments: readonly string[]): string {
  return [
    '# Rendered manifests',
    '',
    'This branch holds only generated output: plain Kubernetes YAML rendered from the source branch',
    'by `npm run synth` and committed by `npm run publish`. Do not edit it; change the code and',
    'publish again. Each commit message names the source commit (`Source-Commit:`) and a content',
    'hash per environment (`Content-Hash:`); history is only ever appended to.',
    '',
    'Argo CD reads it: the root Application of an environment syncs `dist/<env>/argocd/`, which holds',
    'the AppProjects and one Application per folder of `dist/<env>/` and per Helm release',
    '(values in `dist/<env>/helm-values/`).',
    '',
    'Environments:',
    '',
    ...[...environments].sort().map((env) => `- \`dist/${env}/\``),
    '',
  ].join('\n');
}

/**
 * Argo CD reports no health for Application resources by default, so a root Application would
 * not wait for a wave of child Applications to become healthy before the next. The bootstrap
 * adds this to `argocd-cm` (argo-cd chart value `configs.cm`) where it installs Argo CD.
 */
export const APPLICATION_HEALTH_CHECK: Readonly<Record<string, string>> = {
  'resource.customizations.health.argoproj.io_Application': [
    'local health = { status = "Progressing", message = "" }',
    'if obj.status ~= nil and obj.status.health ~= nil and obj.status.health.status ~= nil then',
    '  health.status = obj.status.health.status',
    '  health.message = obj.status.health.message or ""',
    'end',
    'return health',
    '',
  ].join('\n'),
};

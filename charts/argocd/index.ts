export { APPLICATION_HEALTH_CHECK } from './application-health';
export { ArgoCdChart, FLEET_CLUSTER_LABEL } from './argocd-chart';
export { argocd, withArgoCd } from './argocd-component';
export { ARGOCD_NAMESPACE, PROJECT_WAVE, rootApplication, rootObjects, rootPath } from './root-application';
export { protectDestructiveKindsStep } from './protect-destructive';

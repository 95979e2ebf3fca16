export { APPLICATION_HEALTH_CHECK } from './application-health';
export { ArgoCdChart, FLEET_CLUSTER_LABEL } from './argocd-chart';
export { argocd, withArgoCd } from './argocd-component';
export { ARGOCD_NAMESPACE, IN_CLUSTER_SERVER, PROJECT_WAVE, ROOT_PROJECT, rootApplication, rootObjects, rootPath } from './root-application';
export { protectDestructiveKinds, protectDestructiveKindsStep } from './protect-destructive';

export { APPLICATION_HEALTH_CHECK } from './application-health';
export { ArgoCdChart, FLEET_CLUSTER_LABEL } from './argocd-chart';
export { argocd, withArgoCd } from './argocd-component';
export { ARGOCD_NAMESPACE, IN_CLUSTER_SERVER, rootApplication, rootPath } from './root-application';

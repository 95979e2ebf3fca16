import { namespaceDemand } from '../../lib/baseline/quota-usage';
import type { PlatformCheck } from '../component';

/**
 * Quota fit: the requests an environment renders into a namespace (Helm values such as
 * Prometheus memory x replicas, and the pod templates of its workloads) must fit that namespace's
 * ResourceQuota, or the pods beyond it are refused at admission and never start.
 */
export const quotaFitCheck: PlatformCheck = (app, env) => {
  const violations = [];
  for (const [namespace, demand] of namespaceDemand(app)) {
    const index = env.namespaces.findIndex((n) => n.name === namespace);
    if (index < 0) continue;
    const ns = env.namespaces[index];
    const top = demand.sources.slice(0, 3).join('; ');
    // Rounded up to a tenth: quotas are set in whole units, demand is a sum of quantities.
    const round = (x: number) => Math.ceil(x * 10 - 1e-9) / 10;
    if (demand.memoryGiB > ns.quotaMemoryGiB) {
      violations.push({
        env: env.name,
        path: `namespaces[${index}].quotaMemoryGiB`,
        value: ns.quotaMemoryGiB,
        rule: `must admit the ${round(demand.memoryGiB)} GiB of memory requests rendered into namespace ${namespace} (largest: ${top}): raise the quota or lower the requests or replicas`,
      });
    }
    if (demand.pods > ns.quotaPods) {
      violations.push({
        env: env.name,
        path: `namespaces[${index}].quotaPods`,
        value: ns.quotaPods,
        rule: `must admit the ${demand.pods} pods rendered into namespace ${namespace} at their fixed replica counts: raise the quota or lower the replicas`,
      });
    }
    if (demand.cpu > ns.quotaCpu) {
      violations.push({
        env: env.name,
        path: `namespaces[${index}].quotaCpu`,
        value: ns.quotaCpu,
        rule: `must admit the ${round(demand.cpu)} cores of CPU requests rendered into namespace ${namespace} (largest: ${top}): raise the quota or lower the requests or replicas`,
      });
    }
  }
  return violations;
};

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
    const limits = [
      ['quotaMemoryGiB', demand.memoryGiB, `${round(demand.memoryGiB)} GiB of memory requests rendered into namespace ${namespace} (largest: ${top}): raise the quota or lower the requests or replicas`],
      ['quotaPods', demand.pods, `${demand.pods} pods rendered into namespace ${namespace} at their fixed replica counts: raise the quota or lower the replicas`],
      ['quotaCpu', demand.cpu, `${round(demand.cpu)} cores of CPU requests rendered into namespace ${namespace} (largest: ${top}): raise the quota or lower the requests or replicas`],
    ] as const;
    for (const [field, demanded, what] of limits) {
      if (demanded > ns[field]) violations.push({ env: env.name, path: `namespaces[${index}].${field}`, value: ns[field], rule: `must admit the ${what}` });
    }
  }
  return violations;
};

import { findWorkloadInconsistencies } from '../../lib/workloads';
import { describeObject, renderedObjects } from '../capacity/rendered-objects';
import type { PlatformCheck } from '../component';

/**
 * Workload consistency across every chart: one autoscaler per target, no scale-to-zero target
 * under a budget demanding pods, no canary analysis without a metric source or template.
 */
export const workloadScalingCheck: PlatformCheck = (app, env) => {
  const rendered = renderedObjects(app);
  const chartOf = new Map(rendered.map(({ chart, object }) => [object, chart]));
  return findWorkloadInconsistencies(rendered.map((r) => r.object)).map(({ object, rule }) => ({
    env: env.name,
    path: `chart ${chartOf.get(object)}: ${describeObject(object)}`,
    value: object.metadata?.name,
    rule,
  }));
};

import { findArm64Exposures } from '../../lib/capacity';
import { ARCH_LABEL } from '../../lib/scheduling';
import type { PlatformCheck } from '../component';
import { describeObject, renderedObjects } from './rendered-objects';

/**
 * Architecture safety: a workload running an image listed in `capacity.amd64OnlyImages` must not
 * require or prefer arm64, nor be placeable on the arm64 nodes a NodePool may launch.
 */
export const arm64SafetyCheck: PlatformCheck = (app, env) => {
  const rendered = renderedObjects(app);
  const chartOf = new Map(rendered.map(({ chart, object }) => [object, chart]));
  return findArm64Exposures(rendered.map((r) => r.object), env.capacity.amd64OnlyImages).map((exposure) => ({
    env: env.name,
    path: `chart ${chartOf.get(exposure.object)}: ${describeObject(exposure.object)}`,
    value: exposure.image,
    rule:
      `runs an image listed in capacity.amd64OnlyImages but ${exposure.how}: ` +
      `pin it with nodeSelector ${ARCH_LABEL}: amd64 (and drop any arm64 preference), or publish a multi-arch image and unlist it`,
  }));
};

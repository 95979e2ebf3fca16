import { ARCH_LABEL } from '../scheduling/capacity';
import { compatible, type NodeRequirement } from './node-requirement';
import { canLandOn, poolPlacements, requiredNodeTerms } from './pod-placement';
import { workloadPod, type RenderedObject } from './workload-pods';

/** A workload running an amd64-only image that could end up on an arm64 node. */
export interface Arm64Exposure {
  readonly object: RenderedObject;
  /** The amd64-only image it runs. */
  readonly image: string;
  /** How it gets to arm64: it requires it, prefers it, or a pool may give it an arm64 node. */
  readonly how: string;
}

const ARM64: readonly NodeRequirement[] = [{ key: ARCH_LABEL, operator: 'In', values: ['arm64'] }];
const AMD64: readonly NodeRequirement[] = [{ key: ARCH_LABEL, operator: 'In', values: ['amd64'] }];

/**
 * Every workload among `objects` that runs an image of `amd64OnlyImages` (repositories, matched
 * with any tag or digest) and requires arm64, prefers arm64, or is not pinned to amd64 while a
 * NodePool among `objects` may launch arm64 for it.
 */
export function findArm64Exposures(objects: readonly RenderedObject[], amd64OnlyImages: readonly string[]): Arm64Exposure[] {
  if (amd64OnlyImages.length === 0) return [];
  const pools = poolPlacements(objects);
  const exposures: Arm64Exposure[] = [];
  for (const object of objects) {
    const pod = workloadPod(object);
    if (!pod) continue;
    const containers: any[] = [...(pod.spec.initContainers ?? []), ...(pod.spec.containers ?? [])];
    const image = containers.map((c) => String(c.image ?? '')).find((i) => amd64OnlyImages.some((repo) => i === repo || i.startsWith(`${repo}:`) || i.startsWith(`${repo}@`)));
    if (!image) continue;
    const how = arm64Path(pod, pools);
    if (how) exposures.push({ object, image, how });
  }
  return exposures;
}

function arm64Path(pod: NonNullable<ReturnType<typeof workloadPod>>, pools: ReturnType<typeof poolPlacements>): string | undefined {
  if (requiredNodeTerms(pod).every((term) => !compatible(term, AMD64))) return 'requires arm64';
  const preferences: any[] = pod.spec.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
  if (preferences.some((p) => p.weight > 0 && !compatible(p.preference?.matchExpressions ?? [], AMD64))) return 'prefers arm64';
  const pool = pools.find((p) => canLandOn(pod, p, ARM64));
  return pool ? `is not pinned to amd64 (${ARCH_LABEL}) and NodePool ${pool.name} may launch arm64 for it` : undefined;
}

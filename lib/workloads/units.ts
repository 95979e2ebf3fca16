import { Duration, Size } from 'cdk8s';
import { k8s } from 'cdk8s-plus-29';
import type { Cpu } from 'cdk8s-plus-29';

/** Requests and limits of one container; governance requires CPU and memory. */
export interface WorkloadResources {
  readonly cpu: { readonly request: Cpu; readonly limit: Cpu };
  readonly memory: { readonly request: Size; readonly limit: Size };
  /**
   * Node-local scratch space: the writable emptyDirs, the container's logs and layer. The limit
   * evicts a pod that fills the node's disk before it hurts its neighbours.
   * @default DEFAULT_EPHEMERAL_STORAGE (64Mi requested, 1Gi limit)
   */
  readonly ephemeralStorage?: { readonly request: Size; readonly limit: Size };
}

/** Ephemeral storage of a container that only writes temporary files and logs. */
const DEFAULT_EPHEMERAL_STORAGE = { request: Size.mebibytes(64), limit: Size.gibibytes(1) } as const;

const GO_DURATION = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/;

/** Parses a Go-style duration of whole hours, minutes and seconds (`90s`, `1h30m`). */
export function parseDuration(text: string): Duration {
  const match = GO_DURATION.exec(text);
  if (!text || !match) throw new Error(`${JSON.stringify(text)} is not a duration such as 30s, 5m or 1h30m`);
  const [, h, m, s] = match.map((part) => Number(part ?? 0));
  return Duration.seconds(h * 3600 + m * 60 + s);
}

/** The shortest Go-style duration string (`90s` → `90s`, `600s` → `10m`, `3600s` → `1h`). */
export function formatDuration(duration: Duration): string {
  const seconds = duration.toSeconds();
  if (seconds > 0 && seconds % 3600 === 0) return `${seconds / 3600}h`;
  if (seconds > 0 && seconds % 60 === 0) return `${seconds / 60}m`;
  return `${seconds}s`;
}

/** A memory or storage Size as a Kubernetes quantity (`Gi` when whole, else `Mi`). */
export function sizeQuantity(size: Size): k8s.Quantity {
  const mebibytes = size.toMebibytes();
  return k8s.Quantity.fromString(mebibytes % 1024 === 0 ? `${mebibytes / 1024}Gi` : `${mebibytes}Mi`);
}

/** The container `resources` block: requests and limits for CPU, memory and ephemeral storage. */
export function resourceRequirements(resources: WorkloadResources): k8s.ResourceRequirements {
  const scratch = resources.ephemeralStorage ?? DEFAULT_EPHEMERAL_STORAGE;
  return {
    requests: { cpu: k8s.Quantity.fromString(resources.cpu.request.amount), memory: sizeQuantity(resources.memory.request), 'ephemeral-storage': sizeQuantity(scratch.request) },
    limits: { cpu: k8s.Quantity.fromString(resources.cpu.limit.amount), memory: sizeQuantity(resources.memory.limit), 'ephemeral-storage': sizeQuantity(scratch.limit) },
  };
}

/** Fails when a request exceeds its limit (the API server would reject the pod). */
export function checkResources(construct: string, resources: WorkloadResources): void {
  const cpu = (c: Cpu) => (c.amount.endsWith('m') ? Number(c.amount.slice(0, -1)) : Number(c.amount) * 1000);
  if (cpu(resources.cpu.request) > cpu(resources.cpu.limit)) {
    throw new Error(`${construct}: resources.cpu.request = ${resources.cpu.request.amount} exceeds the limit ${resources.cpu.limit.amount}: a request must not exceed its limit`);
  }
  if (resources.memory.request.toMebibytes() > resources.memory.limit.toMebibytes()) {
    throw new Error(`${construct}: resources.memory.request = ${resources.memory.request.toMebibytes()}Mi exceeds the limit ${resources.memory.limit.toMebibytes()}Mi: a request must not exceed its limit`);
  }
  const scratch = resources.ephemeralStorage;
  if (scratch && scratch.request.toMebibytes() > scratch.limit.toMebibytes()) {
    throw new Error(`${construct}: resources.ephemeralStorage.request = ${scratch.request.toMebibytes()}Mi exceeds the limit ${scratch.limit.toMebibytes()}Mi: a request must not exceed its limit`);
  }
}

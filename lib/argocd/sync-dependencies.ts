/**
 * What a deployment unit (one Argo CD Application: a chart folder or a Helm release) makes
 * available to others once it is synced and healthy, and what it needs before it can sync.
 * Sync waves are computed from these declarations (`deriveSyncWaves`), never numbered by hand.
 */
export type Capability = `${'crds' | 'controller' | 'capacity' | 'namespaces' | 'secrets' | 'storage-class' | 'config' | 'admission' | 'secret-store'}:${string}`;

/** Constructors of the capabilities the platform's units exchange, so none is spelt twice. */
export const Capabilities = {
  /** The CRDs of an API group are established. */
  crds: (group: string): Capability => `crds:${group}`,
  /** A controller (by its chart or project name) is running and serving. */
  controller: (name: string): Capability => `controller:${name}`,
  /** The platform's namespaces, quotas and limit ranges exist. */
  namespaces: 'namespaces:platform' as Capability,
  /** Karpenter's NodePools exist and its controller runs: pods may use NodePool capacity. */
  nodePools: 'capacity:node-pools' as Capability,
  /** A secret store that ExternalSecrets can read from exists. */
  secretStore: (name: string): Capability => `secret-store:${name}`,
  /** Secrets of a namespace (created from ExternalSecrets) exist. */
  secrets: (namespace: string): Capability => `secrets:${namespace}`,
  /** A StorageClass exists. */
  storageClass: (name: string): Capability => `storage-class:${name}`,
  /** Configuration (ConfigMaps) a release reads exists. */
  config: (name: string): Capability => `config:${name}`,
  /** Admission policies are enforced. */
  admission: (name: string): Capability => `admission:${name}`,
} as const;

/** One Argo CD Application to order. */
export interface SyncUnit {
  /** Application suffix, e.g. `baseline` or `karpenter`. */
  readonly id: string;
  readonly provides: readonly Capability[];
  readonly requires: readonly Capability[];
}

/**
 * The sync wave of every unit: 0 for units that need nothing, otherwise one more than the latest
 * wave among the units providing what it needs (the longest dependency path), so every need is
 * met by an earlier wave and independent units share a wave. Throws, naming the units, when a
 * need has no provider or the needs form a cycle.
 */
export function deriveSyncWaves(units: readonly SyncUnit[]): Map<string, number> {
  const providers = new Map<Capability, string[]>();
  for (const u of units) for (const c of u.provides) providers.set(c, [...(providers.get(c) ?? []), u.id]);
  const unmet = units.flatMap((u) => u.requires.filter((c) => !providers.has(c)).map((c) => `${u.id} requires ${c}, which no component provides`));
  if (unmet.length > 0) throw new Error(`sync order: ${unmet.join('; ')}`);
  const byId = new Map(units.map((u) => [u.id, u]));
  const waves = new Map<string, number>();
  const visiting: string[] = [];
  const waveOf = (id: string): number => {
    const known = waves.get(id);
    if (known !== undefined) return known;
    const cycleAt = visiting.indexOf(id);
    if (cycleAt >= 0) throw new Error(`sync order: dependency cycle ${[...visiting.slice(cycleAt), id].join(' -> ')}`);
    visiting.push(id);
    const unit = byId.get(id)!;
    const deps = unit.requires.flatMap((c) => providers.get(c)!.filter((p) => p !== id));
    const wave = deps.length === 0 ? 0 : Math.max(...deps.map(waveOf)) + 1;
    visiting.pop();
    waves.set(id, wave);
    return wave;
  };
  for (const u of units) waveOf(u.id);
  return waves;
}

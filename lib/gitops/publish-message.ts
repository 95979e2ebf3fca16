/** What a publish commit records: the source commit and a content hash per environment. */
export interface PublishRecord {
  readonly sourceCommit: string;
  /** SHA-256 tree hash of `dist/<env>/` by environment (see `treeHash`). */
  readonly contentHashes: ReadonlyMap<string, string>;
}

const SOURCE_TRAILER = 'Source-Commit';
const HASH_TRAILER = 'Content-Hash';

/**
 * The commit message of a publish: a subject naming the source commit and the environments whose
 * content changed since `previous`, then one trailer per fact, so tools can read it back.
 */
export function formatPublishMessage(record: PublishRecord, previous: PublishRecord | undefined): string {
  const envs = [...record.contentHashes.keys()].sort();
  const changed = envs.filter((env) => previous?.contentHashes.get(env) !== record.contentHashes.get(env));
  const removed = [...(previous?.contentHashes.keys() ?? [])].filter((env) => !record.contentHashes.has(env)).sort();
  const what = [...changed.map((e) => `${e} changed`), ...removed.map((e) => `${e} removed`)].join(', ') || 'no environment changed';
  return [
    `Publish ${record.sourceCommit.slice(0, 12)}: ${what}`,
    '',
    `${SOURCE_TRAILER}: ${record.sourceCommit}`,
    ...envs.map((env) => `${HASH_TRAILER}: ${env} sha256:${record.contentHashes.get(env)}`),
    '',
  ].join('\n');
}

/** Reads a publish commit message back; undefined when `message` is not one. */
export function parsePublishMessage(message: string): PublishRecord | undefined {
  const source = new RegExp(`^${SOURCE_TRAILER}: ([0-9a-f]{40,64})$`, 'm').exec(message);
  if (!source) return undefined;
  const contentHashes = new Map<string, string>();
  for (const match of message.matchAll(new RegExp(`^${HASH_TRAILER}: (\\S+) sha256:([0-9a-f]{64})$`, 'gm'))) {
    contentHashes.set(match[1], match[2]);
  }
  return { sourceCommit: source[1], contentHashes };
}

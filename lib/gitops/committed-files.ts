import type { Git } from './git';

/**
 * The text of every file below `folder` in commit `ref`, keyed by path relative to `folder`.
 * Empty when `ref` is undefined or holds no such folder. Reads all blobs with one git process.
 */
export function committedFiles(git: Git, ref: string | undefined, folder: string): Map<string, string> {
  const files = new Map<string, string>();
  if (ref === undefined) return files;
  const prefix = folder.endsWith('/') ? folder : `${folder}/`;
  const entries = git
    .run(['ls-tree', '-r', '-z', '--full-tree', ref, '--', prefix])
    .split('\0')
    .filter(Boolean)
    .map((line) => {
      const tab = line.indexOf('\t');
      const [, type, sha] = line.slice(0, tab).split(' ');
      return { type, sha, path: line.slice(tab + 1) };
    })
    .filter((e) => e.type === 'blob' && e.path.startsWith(prefix));
  if (entries.length === 0) return files;

  const out = git.runBytes(['cat-file', '--batch'], entries.map((e) => e.sha).join('\n') + '\n');
  let offset = 0;
  for (const entry of entries) {
    const headerEnd = out.indexOf(0x0a, offset);
    const [, , size] = out.subarray(offset, headerEnd).toString('utf8').split(' ');
    const start = headerEnd + 1;
    const end = start + Number(size);
    files.set(entry.path.slice(prefix.length), out.subarray(start, end).toString('utf8'));
    offset = end + 1; // the newline after each blob
  }
  return files;
}

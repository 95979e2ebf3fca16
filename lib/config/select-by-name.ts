/**
 * `--env a,b` selection shared by the synth commands: the entries of `all` named in `list` (the
 * value of `--env`), in their declared order; every entry when `list` is undefined. Throws naming
 * the unknown names and the known ones.
 */
export function selectByName<T extends { readonly name: string }>(list: string | undefined, all: readonly T[]): T[] {
  if (list === undefined) return [...all];
  const names = list.split(',').filter(Boolean);
  const unknown = names.filter((n) => !all.some((e) => e.name === n));
  if (names.length === 0 || unknown.length > 0) {
    throw new Error(`--env ${unknown.join(',') || '(empty)'}: unknown environment; expected one of ${all.map((e) => e.name).join(', ')}`);
  }
  return all.filter((e) => names.includes(e.name));
}

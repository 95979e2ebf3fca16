/**
 * `--env a,b` selection shared by the synth commands: the named entries of `all` in their order,
 * every entry without the flag. Throws naming the unknown names and the known ones.
 */
export function selectByName<T extends { readonly name: string }>(argv: readonly string[], all: readonly T[]): T[] {
  const flag = argv.indexOf('--env');
  if (flag < 0) return [...all];
  const names = (argv[flag + 1] ?? '').split(',').filter(Boolean);
  const unknown = names.filter((n) => !all.some((e) => e.name === n));
  if (names.length === 0 || unknown.length > 0) {
    throw new Error(`--env ${unknown.join(',') || '(empty)'}: unknown environment; expected one of ${all.map((e) => e.name).join(', ')}`);
  }
  return all.filter((e) => names.includes(e.name));
}

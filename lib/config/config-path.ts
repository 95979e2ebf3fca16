type Leaf = string | number | boolean | bigint | symbol | null | undefined | ((...args: never[]) => unknown);

/** Every path below `T`, each starting with `.key` or `[index]`. */
type SubPaths<T> = T extends Leaf
  ? never
  : T extends readonly (infer E)[]
    ? `[${number}]` | `[${number}]${SubPaths<NonNullable<E>>}`
    : { [K in Extract<keyof T, string>]-?: `.${K}` | `.${K}${SubPaths<NonNullable<T[K]>>}` }[Extract<keyof T, string>];

type WithoutLeadingDot<P> = P extends `.${infer Rest}` ? Rest : never;

/**
 * The dotted paths of a configuration type, as rules name fields in messages:
 * `capacity.spot.maxCpu`, `namespaces[${number}].quotaPods`, `governance.policyActions.${string}`.
 * A rule written against a path that does not exist in the type does not compile.
 */
export type ConfigPath<T> = WithoutLeadingDot<SubPaths<T>>;

/** `ConfigPath<T>`, or any string when the configuration type is not known. */
export type PathOf<T> = unknown extends T ? string : ConfigPath<T>;

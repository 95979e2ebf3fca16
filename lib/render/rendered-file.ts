/** One output file, relative to its environment folder `dist/<env>/`. */
export interface RenderedFile {
  readonly path: string;
  readonly content: string;
  /** The value the file was rendered from (a Kubernetes object or Helm values), for output checks. */
  readonly object?: unknown;
}

/** One output file, relative to its environment folder `dist/<env>/`. */
export interface RenderedFile {
  readonly path: string;
  readonly content: string;
}

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { renderEnvironment } from '../../../charts/platform';
import type { EnvironmentConfig } from '../../../environments';
import type { ReleaseIndexEntry } from '../../../lib/render/release-index';

const REPOSITORY_ROOT = join(__dirname, '..', '..', '..');

/** The rendered manifests and Helm values of one environment, from `dist/<env>/` or rendered now. */
export class RenderedSide {
  /** Where the files came from: `dist/<env>` or `in-process render`. */
  public readonly source: string;
  private readonly files: ReadonlyMap<string, string>;

  constructor(env: EnvironmentConfig) {
    const dist = join(REPOSITORY_ROOT, 'dist', env.name);
    if (existsSync(dist)) {
      this.source = `dist/${env.name}`;
      this.files = new Map(walk(dist).map((file) => [relative(dist, file).split('\\').join('/'), readFileSync(file, 'utf8')]));
    } else {
      // No render on disk: run the root synth in-process (nothing is written).
      this.source = 'in-process render';
      this.files = new Map(renderEnvironment(env).map((f) => [f.path, f.content]));
    }
  }

  /** Every Kubernetes object of every chart folder. */
  public get objects(): Record<string, any>[] {
    return [...this.files.entries()]
      .filter(([path]) => path.endsWith('.yaml') && !path.startsWith('helm-values/'))
      .map(([, content]) => parse(content) as Record<string, any>)
      .filter((o) => o && typeof o.kind === 'string');
  }

  public objectsOfKind(kind: string): Record<string, any>[] {
    return this.objects.filter((o) => o.kind === kind);
  }

  /** `[namespace, image]` of every container (init containers included) of every rendered pod template. */
  public get containerImages(): [string, string][] {
    return this.objects.flatMap((o) => {
      const spec = o.spec?.template?.spec ?? o.spec?.jobTemplate?.spec?.template?.spec;
      if (!spec) return [];
      return [...(spec.initContainers ?? []), ...(spec.containers ?? [])].map((c: { image: string }) => [o.metadata?.namespace ?? '', c.image] as [string, string]);
    });
  }

  /** The Helm release of chart `chartName`, with its values, when the environment renders one. */
  public release(chartName: string): (ReleaseIndexEntry & { readonly parsedValues: Record<string, any> }) | undefined {
    const index = this.files.get('helm-values/releases.json');
    if (!index) return undefined;
    const entry = (JSON.parse(index) as ReleaseIndexEntry[]).find((e) => e.chart.name === chartName);
    if (!entry) return undefined;
    return { ...entry, parsedValues: (parse(this.files.get(entry.values) ?? '') ?? {}) as Record<string, any> };
  }
}

function walk(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? walk(path) : [path];
    });
}

import { App, Chart } from 'cdk8s';
import type { EnvironmentConfig } from '../environments';

/** Labels every rendered object carries; governance policies require the first three. */
export function commonLabels(env: EnvironmentConfig): Record<string, string> {
  return {
    'cost-center': env.ownership.costCenter,
    team: env.ownership.team,
    'app.kubernetes.io/part-of': 'eks-platform',
    'app.kubernetes.io/managed-by': 'cdk8s',
    'platform.example.com/environment': env.name,
  };
}

/** A chart of one environment: one rendered folder `dist/<env>/<id>/`, with the common labels. */
export class PlatformChart extends Chart {
  constructor(app: App, id: string, public readonly env: EnvironmentConfig) {
    super(app, id, { labels: commonLabels(env), disableResourceNameHashes: true });
  }
}

import { Construct, type IConstruct } from 'constructs';
import type { HelmChartPin } from '../upstream/pins';

const HELM_RELEASE = Symbol.for('eks-platform.HelmRelease');

export interface HelmReleaseProps {
  /** The pinned upstream chart (from `lib/upstream/pins.ts`). */
  readonly chart: HelmChartPin;
  /** Helm release name; also the values file name `helm-values/<releaseName>.yaml`. */
  readonly releaseName: string;
  /** Namespace the release is installed into. */
  readonly namespace: string;
  /** Values passed to the chart; every key path must exist in the chart's default values. */
  readonly values: Record<string, unknown>;
}

/**
 * An upstream Helm chart installed by Argo CD with values rendered by this repository. It renders
 * no Kubernetes object itself: the values land in `dist/<env>/helm-values/<releaseName>.yaml` and
 * the Argo CD chart turns each release into a multi-source Application.
 */
export class HelmRelease extends Construct {
  /** True for HelmRelease constructs (instanceof is unreliable across module copies). */
  public static isHelmRelease(x: IConstruct): x is HelmRelease {
    return (x as { readonly [HELM_RELEASE]?: boolean })[HELM_RELEASE] === true;
  }

  public readonly chart: HelmChartPin;
  public readonly releaseName: string;
  public readonly namespace: string;
  public readonly values: Record<string, unknown>;
  public readonly [HELM_RELEASE] = true;

  constructor(scope: Construct, id: string, props: HelmReleaseProps) {
    super(scope, id);
    if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(props.releaseName) || props.releaseName.length > 53) {
      throw new Error(`HelmRelease ${id}: releaseName = ${props.releaseName}: must be a DNS label of at most 53 characters (Helm rule)`);
    }
    this.chart = props.chart;
    this.releaseName = props.releaseName;
    this.namespace = props.namespace;
    this.values = props.values;
  }

  /** Path of the values file relative to `dist/<env>/`. */
  public get valuesPath(): string {
    return `helm-values/${this.releaseName}.yaml`;
  }
}

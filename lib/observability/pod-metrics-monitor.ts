import type { Construct } from 'constructs';
import { PodMonitor, PodMonitorSpecPodMetricsEndpointsRelabelingsAction } from '../../imports/kube-prometheus-stack-monitoring.coreos.com';
import { prometheusLabelName } from './metrics-contract';
import { MetricsMonitor, monitorSelection, type ScrapeEndpointProps } from './scrape-endpoint';

const TARGET_LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

export interface PodMetricsMonitorProps extends ScrapeEndpointProps {
  /**
   * Pod labels copied onto every scraped sample, keyed by pod label with the target label as value
   * (e.g. `{ 'app.kubernetes.io/name': 'workload' }`).
   * @default {}
   */
  readonly podLabelsAsTargetLabels?: Readonly<Record<string, string>>;
}

/**
 * Scrapes the Pods matching `matchLabels` in one namespace on a named container port. Pods rather
 * than Services when every replica matters on its own (canary and stable pods of one Service) or
 * when the chart exposes no metrics Service.
 */
export class PodMetricsMonitor extends MetricsMonitor {

  constructor(scope: Construct, id: string, props: PodMetricsMonitorProps) {
    super(scope, id, 'PodMetricsMonitor', props);
    const copied = Object.entries(props.podLabelsAsTargetLabels ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    for (const [podLabel, targetLabel] of copied) {
      if (!TARGET_LABEL.test(targetLabel)) {
        throw new Error(`PodMetricsMonitor ${props.name}: podLabelsAsTargetLabels[${JSON.stringify(podLabel)}] = ${JSON.stringify(targetLabel)}: must be a Prometheus label name ([a-zA-Z_][a-zA-Z0-9_]*)`);
      }
    }
    const { metadata, namespaceSelector, selector } = monitorSelection(props);
    new PodMonitor(this, 'resource', {
      metadata,
      spec: {
        namespaceSelector,
        selector,
        podMetricsEndpoints: [
          {
            ...this.endpoint,
            relabelings: copied.length === 0 ? undefined : copied.map(([podLabel, targetLabel]) => ({
              action: PodMonitorSpecPodMetricsEndpointsRelabelingsAction.REPLACE,
              sourceLabels: [`__meta_kubernetes_pod_label_${prometheusLabelName(podLabel)}`],
              targetLabel,
            })),
          },
        ],
      },
    });
  }
}

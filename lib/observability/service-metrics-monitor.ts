import type { Construct } from 'constructs';
import { ServiceMonitor } from '../../imports/kube-prometheus-stack-monitoring.coreos.com';
import { MetricsMonitor, monitorSelection, type ScrapeEndpointProps } from './scrape-endpoint';

export type ServiceMetricsMonitorProps = ScrapeEndpointProps;

/** Scrapes the Services matching `matchLabels` in one namespace, on a named service port. */
export class ServiceMetricsMonitor extends MetricsMonitor {

  constructor(scope: Construct, id: string, props: ServiceMetricsMonitorProps) {
    super(scope, id, 'ServiceMetricsMonitor', props);
    const { metadata, namespaceSelector, selector } = monitorSelection(props);
    new ServiceMonitor(this, 'resource', { metadata, spec: { namespaceSelector, selector, endpoints: [{ ...this.endpoint }] } });
  }
}

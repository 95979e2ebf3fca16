import { Construct } from 'constructs';
import { ServiceMonitor } from '../../imports/kube-prometheus-stack-monitoring.coreos.com';
import { resolveScrapeEndpoint, type ResolvedScrapeEndpoint, type ScrapeEndpointProps } from './scrape-endpoint';

export type ServiceMetricsMonitorProps = ScrapeEndpointProps;

/** Scrapes the Services matching `matchLabels` in one namespace, on a named service port. */
export class ServiceMetricsMonitor extends Construct {
  public readonly name: string;
  public readonly endpoint: ResolvedScrapeEndpoint;

  constructor(scope: Construct, id: string, props: ServiceMetricsMonitorProps) {
    super(scope, id);
    this.endpoint = resolveScrapeEndpoint('ServiceMetricsMonitor', props);
    this.name = props.name;
    new ServiceMonitor(this, 'resource', {
      metadata: { name: props.name, namespace: props.namespace, labels: { 'app.kubernetes.io/name': props.name } },
      spec: {
        namespaceSelector: { matchNames: [props.targetNamespace] },
        selector: { matchLabels: { ...props.matchLabels } },
        endpoints: [
          {
            port: this.endpoint.port,
            path: this.endpoint.path,
            interval: this.endpoint.interval,
            honorLabels: this.endpoint.honorLabels,
          },
        ],
      },
    });
  }
}

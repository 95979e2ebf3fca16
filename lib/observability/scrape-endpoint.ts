import { Construct } from 'constructs';
import { DNS_LABEL } from '../config/checks';
import { checkPrometheusDuration } from './prometheus-duration';

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;
const PORT_NAME = DNS_LABEL;

/** What a monitor scrapes on each selected target; shared by service and pod monitors. */
export interface ScrapeEndpointProps {
  /** Monitor name (DNS subdomain). */
  readonly name: string;
  /** Namespace the monitor object lives in (Prometheus selects monitors from every namespace). */
  readonly namespace: string;
  /** Namespace of the targets. */
  readonly targetNamespace: string;
  /** Labels the targets carry; must not be empty, an empty selector would scrape everything. */
  readonly matchLabels: Readonly<Record<string, string>>;
  /** Named port serving metrics (at most 15 characters, Kubernetes port-name rule). */
  readonly port: string;
  /** HTTP path of the metrics. @default '/metrics' */
  readonly path?: string;
  /** Scrape interval, a Prometheus duration. @default '30s' */
  readonly interval?: string;
  /**
   * Keep the target's own labels when they collide with target labels; needed for exporters whose
   * samples describe other namespaces' objects (their `namespace` label must win).
   * @default false
   */
  readonly honorLabels?: boolean;
}

/** The endpoint with defaults resolved. */
export interface ResolvedScrapeEndpoint {
  readonly port: string;
  readonly path: string;
  readonly interval: string;
  readonly honorLabels: boolean;
}

/** Validates the shared props and resolves defaults; `construct` names the caller in messages. */
function resolveScrapeEndpoint(construct: string, props: ScrapeEndpointProps): ResolvedScrapeEndpoint {
  const id = `${construct} ${props.name}`;
  if (!DNS_SUBDOMAIN.test(props.name) || props.name.length > 253) {
    throw new Error(`${id}: name = ${JSON.stringify(props.name)}: must be a DNS subdomain (lower-case letters, digits, - and .)`);
  }
  if (Object.keys(props.matchLabels).length === 0) {
    throw new Error(`${id}: matchLabels = {}: must select targets by at least one label (an empty selector scrapes every target)`);
  }
  if (!PORT_NAME.test(props.port) || props.port.length > 15) {
    throw new Error(`${id}: port = ${JSON.stringify(props.port)}: must be a port name (at most 15 lower-case letters, digits and -)`);
  }
  const path = props.path ?? '/metrics';
  if (!path.startsWith('/')) throw new Error(`${id}: path = ${JSON.stringify(path)}: must start with /`);
  const interval = props.interval ?? '30s';
  checkPrometheusDuration(id, 'interval', interval);
  return { port: props.port, path, interval, honorLabels: props.honorLabels ?? false };
}

/** What a PodMonitor and a ServiceMonitor of `props` share: their metadata and the targets they select. */
export function monitorSelection(props: ScrapeEndpointProps) {
  return {
    metadata: { name: props.name, namespace: props.namespace, labels: { 'app.kubernetes.io/name': props.name } },
    namespaceSelector: { matchNames: [props.targetNamespace] },
    selector: { matchLabels: { ...props.matchLabels } },
  };
}

/** What a PodMetricsMonitor and a ServiceMetricsMonitor are: a named monitor with one resolved endpoint. */
export abstract class MetricsMonitor extends Construct {
  public readonly name: string;
  public readonly endpoint: ResolvedScrapeEndpoint;

  protected constructor(scope: Construct, id: string, kind: string, props: ScrapeEndpointProps) {
    super(scope, id);
    this.endpoint = resolveScrapeEndpoint(kind, props);
    this.name = props.name;
  }
}

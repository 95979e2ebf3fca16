import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-29';
import type { DashboardModel } from './dashboard-model';

/** Label (and value) the Grafana dashboard sidecar watches ConfigMaps for. */
export const DASHBOARD_SIDECAR_LABEL = { key: 'grafana_dashboard', value: '1' } as const;

// A ConfigMap holds at most 1 MiB; keep headroom for metadata.
const MAX_DASHBOARD_BYTES = 1024 * 1024 - 16 * 1024;

export interface GrafanaDashboardProps {
  /** Namespace of the ConfigMap (the sidecar searches every namespace). */
  readonly namespace: string;
  readonly dashboard: DashboardModel;
}

/** A dashboard shipped as a ConfigMap for the Grafana sidecar, named `dashboard-<uid>`. */
export class GrafanaDashboard extends Construct {
  public readonly configMapName: string;

  constructor(scope: Construct, id: string, props: GrafanaDashboardProps) {
    super(scope, id);
    const json = `${JSON.stringify(props.dashboard.toJson(), null, 2)}\n`;
    const bytes = Buffer.byteLength(json, 'utf8');
    if (bytes > MAX_DASHBOARD_BYTES) {
      throw new Error(`GrafanaDashboard ${props.dashboard.uid}: dashboard JSON is ${bytes} bytes: must stay below ${MAX_DASHBOARD_BYTES} (ConfigMap size limit); split it into several dashboards`);
    }
    this.configMapName = `dashboard-${props.dashboard.uid.toLowerCase().replace(/_/g, '-')}`;
    new k8s.KubeConfigMap(this, 'config-map', {
      metadata: {
        name: this.configMapName,
        namespace: props.namespace,
        labels: { [DASHBOARD_SIDECAR_LABEL.key]: DASHBOARD_SIDECAR_LABEL.value, 'app.kubernetes.io/name': 'grafana-dashboards' },
      },
      data: { [`${props.dashboard.uid}.json`]: json },
    });
  }
}

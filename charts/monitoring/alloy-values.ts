import { ENDPOINTS } from './endpoints';

/** Environment variable carrying the node a pod runs on (downward API). */
const NODE_NAME_ENV = 'NODE_NAME';
/** Where Alloy keeps its read positions: an emptyDir, the root filesystem is read-only. */
const STORAGE_PATH = '/var/lib/alloy';

/**
 * Alloy's pipeline: the pods of this node (API discovery filtered by node name) give the paths of
 * their container log files under `/var/log/pods`; the files are tailed, the CRI format parsed,
 * and the lines pushed to Loki labelled with namespace, pod, container and app.
 */
function alloyPodLogsPipeline(lokiPushUrl: string): string {
  return `discovery.kubernetes "pods" {
  role = "pod"
  selectors {
    role  = "pod"
    field = "spec.nodeName=" + sys.env("${NODE_NAME_ENV}")
  }
}

discovery.relabel "pod_logs" {
  targets = discovery.kubernetes.pods.targets
  rule {
    source_labels = ["__meta_kubernetes_namespace"]
    target_label  = "namespace"
  }
  rule {
    source_labels = ["__meta_kubernetes_pod_name"]
    target_label  = "pod"
  }
  rule {
    source_labels = ["__meta_kubernetes_pod_container_name"]
    target_label  = "container"
  }
  rule {
    source_labels = ["__meta_kubernetes_pod_node_name"]
    target_label  = "node"
  }
  rule {
    source_labels = ["__meta_kubernetes_pod_label_app_kubernetes_io_name"]
    target_label  = "app"
  }
  rule {
    source_labels = ["__meta_kubernetes_namespace", "__meta_kubernetes_pod_container_name"]
    separator     = "/"
    target_label  = "job"
  }
  rule {
    source_labels = ["__meta_kubernetes_pod_uid", "__meta_kubernetes_pod_container_name"]
    separator     = "/"
    target_label  = "__path__"
    replacement   = "/var/log/pods/*$1/*.log"
  }
}

local.file_match "pod_logs" {
  path_targets = discovery.relabel.pod_logs.output
}

loki.source.file "pod_logs" {
  targets    = local.file_match.pod_logs.targets
  forward_to = [loki.process.pod_logs.receiver]
}

loki.process "pod_logs" {
  stage.cri {}
  forward_to = [loki.write.default.receiver]
}

loki.write "default" {
  endpoint {
    url = "${lokiPushUrl}"
  }
}
`;
}

/**
 * Values for the Grafana Alloy chart: a DaemonSet on every node (it tolerates every taint: spot,
 * the system node group, anything added later) shipping the node's pod logs to Loki, scraped by
 * its ServiceMonitor. It reads `/var/log` through a read-only hostPath as root (the log files
 * are root's, mode 0640) with every capability dropped and a read-only root filesystem; a
 * hostPath volume is outside both `restricted` and `baseline` Pod Security, so it runs in the
 * monitoring namespace, whose level is `privileged` for the same reason (node-exporter).
 */
export function alloyValues(): Record<string, unknown> {
  return {
    // PodLogs (the chart's CRD) is not used: logs are read from the node's files.
    crds: { create: false },
    alloy: {
      configMap: { create: true, content: alloyPodLogsPipeline(ENDPOINTS.lokiPush) },
      storagePath: STORAGE_PATH,
      enableReporting: false,
      extraEnv: [{ name: NODE_NAME_ENV, valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } }],
      mounts: {
        varlog: true,
        dockercontainers: false,
        extra: [{ name: 'storage', mountPath: STORAGE_PATH }],
      },
      securityContext: {
        runAsUser: 0,
        runAsNonRoot: false,
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        capabilities: { drop: ['ALL'] },
        seccompProfile: { type: 'RuntimeDefault' },
      },
      // Limits at most twice the requests: the node-agents quota allows that per node.
      resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '200m', memory: '512Mi' } },
    },
    configReloader: {
      resources: { requests: { cpu: '10m', memory: '32Mi' }, limits: { cpu: '20m', memory: '64Mi' } },
    },
    // Read-only access to pods and namespaces, what log discovery needs (the defaults also read
    // every Secret). The chart's ClusterRole template needs both lists non-empty.
    rbac: {
      create: true,
      rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] }],
      clusterRules: [{ apiGroups: [''], resources: ['namespaces'], verbs: ['get', 'list', 'watch'] }],
    },
    controller: {
      type: 'daemonset',
      tolerations: [{ operator: 'Exists' }],
      volumes: { extra: [{ name: 'storage', emptyDir: { sizeLimit: '1Gi' } }] },
    },
    serviceMonitor: { enabled: true },
  };
}

/**
 * Values that make kube-prometheus-stack render only its CRD bundle (the prometheus-operator
 * CRDs): a release of its own, synced before every operator whose chart ships a ServiceMonitor,
 * while the full stack comes later with `crds.enabled: false`.
 */
export function prometheusOperatorCrdsValues(): Record<string, unknown> {
  const off = { enabled: false };
  return {
    crds: { enabled: true },
    defaultRules: { create: false },
    windowsMonitoring: off,
    alertmanager: off,
    grafana: off,
    kubeApiServer: off,
    kubelet: off,
    kubeControllerManager: off,
    coreDns: off,
    kubeDns: off,
    kubeEtcd: off,
    kubeScheduler: off,
    kubeProxy: off,
    kubeStateMetrics: off,
    nodeExporter: off,
    prometheusOperator: off,
    prometheus: off,
    thanosRuler: off,
  };
}

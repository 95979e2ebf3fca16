/**
 * Every upstream component the platform renders for, pinned: application version, Helm chart,
 * and the public URLs of its CRDs and chart default values (raw files at the tagged commit).
 * `npm run fetch-upstream` downloads these files; `npm run import` generates `imports/` from the
 * CRDs; the chart-values check compares rendered Helm values with the defaults.
 */
export interface UpstreamFile {
  /** Path inside the upstream cache or mirror (`UPSTREAM_DIR`). */
  readonly file: string;
  /** Public URL of the file at the pinned commit. */
  readonly url: string;
}

export interface HelmChartPin {
  readonly name: string;
  /** Helm repository URL (`oci://` for OCI registries). */
  readonly repository: string;
  readonly version: string;
}

export interface UpstreamComponent {
  readonly title: string;
  readonly appVersion: string;
  readonly chart: HelmChartPin;
  readonly crds: readonly UpstreamFile[];
  readonly chartValues: UpstreamFile;
}

export const UPSTREAM = {
  'karpenter': {
    title: 'Karpenter (AWS provider)',
    appVersion: '1.14.1',
    chart: { name: 'karpenter', repository: 'oci://public.ecr.aws/karpenter', version: '1.14.1' },
    crds: [
      { file: 'crds/karpenter/autoscaling.x-k8s.io_capacitybuffers.yaml', url: 'https://raw.githubusercontent.com/aws/karpenter-provider-aws/bde00654cd316fddb3dccfba3f5ac07039865429/pkg/apis/crds/autoscaling.x-k8s.io_capacitybuffers.yaml' },
      { file: 'crds/karpenter/karpenter.k8s.aws_ec2nodeclasses.yaml', url: 'https://raw.githubusercontent.com/aws/karpenter-provider-aws/bde00654cd316fddb3dccfba3f5ac07039865429/pkg/apis/crds/karpenter.k8s.aws_ec2nodeclasses.yaml' },
      { file: 'crds/karpenter/karpenter.sh_nodeclaims.yaml', url: 'https://raw.githubusercontent.com/aws/karpenter-provider-aws/bde00654cd316fddb3dccfba3f5ac07039865429/pkg/apis/crds/karpenter.sh_nodeclaims.yaml' },
      { file: 'crds/karpenter/karpenter.sh_nodeoverlays.yaml', url: 'https://raw.githubusercontent.com/aws/karpenter-provider-aws/bde00654cd316fddb3dccfba3f5ac07039865429/pkg/apis/crds/karpenter.sh_nodeoverlays.yaml' },
      { file: 'crds/karpenter/karpenter.sh_nodepools.yaml', url: 'https://raw.githubusercontent.com/aws/karpenter-provider-aws/bde00654cd316fddb3dccfba3f5ac07039865429/pkg/apis/crds/karpenter.sh_nodepools.yaml' },
    ],
    chartValues: { file: 'chart-values/karpenter-1.14.1.yaml', url: 'https://raw.githubusercontent.com/aws/karpenter-provider-aws/bde00654cd316fddb3dccfba3f5ac07039865429/charts/karpenter/values.yaml' },
  },
  'argo-rollouts': {
    title: 'Argo Rollouts',
    appVersion: '1.9.1',
    chart: { name: 'argo-rollouts', repository: 'https://argoproj.github.io/argo-helm', version: '2.41.0' },
    crds: [
      { file: 'crds/argo-rollouts/analysis-run-crd.yaml', url: 'https://raw.githubusercontent.com/argoproj/argo-rollouts/b6bd3bcf8f60d717a98763d26acc983db7f97cb0/manifests/crds/analysis-run-crd.yaml' },
      { file: 'crds/argo-rollouts/analysis-template-crd.yaml', url: 'https://raw.githubusercontent.com/argoproj/argo-rollouts/b6bd3bcf8f60d717a98763d26acc983db7f97cb0/manifests/crds/analysis-template-crd.yaml' },
      { file: 'crds/argo-rollouts/cluster-analysis-template-crd.yaml', url: 'https://raw.githubusercontent.com/argoproj/argo-rollouts/b6bd3bcf8f60d717a98763d26acc983db7f97cb0/manifests/crds/cluster-analysis-template-crd.yaml' },
      { file: 'crds/argo-rollouts/experiment-crd.yaml', url: 'https://raw.githubusercontent.com/argoproj/argo-rollouts/b6bd3bcf8f60d717a98763d26acc983db7f97cb0/manifests/crds/experiment-crd.yaml' },
      { file: 'crds/argo-rollouts/rollout-crd.yaml', url: 'https://raw.githubusercontent.com/argoproj/argo-rollouts/b6bd3bcf8f60d717a98763d26acc983db7f97cb0/manifests/crds/rollout-crd.yaml' },
    ],
    chartValues: { file: 'chart-values/argo-rollouts-2.41.0.yaml', url: 'https://raw.githubusercontent.com/argoproj/argo-helm/8796aeaa82428f96c3a20293f75a1a805f99d32b/charts/argo-rollouts/values.yaml' },
  },
  'keda': {
    title: 'KEDA',
    appVersion: '2.20.2',
    chart: { name: 'keda', repository: 'https://kedacore.github.io/charts', version: '2.20.2' },
    crds: [
      { file: 'crds/keda/eventing.keda.sh_cloudeventsources.yaml', url: 'https://raw.githubusercontent.com/kedacore/keda/68a5b5028f35b22d50597c69819ab32c4e92f21a/config/crd/bases/eventing.keda.sh_cloudeventsources.yaml' },
      { file: 'crds/keda/eventing.keda.sh_clustercloudeventsources.yaml', url: 'https://raw.githubusercontent.com/kedacore/keda/68a5b5028f35b22d50597c69819ab32c4e92f21a/config/crd/bases/eventing.keda.sh_clustercloudeventsources.yaml' },
      { file: 'crds/keda/keda.sh_clustertriggerauthentications.yaml', url: 'https://raw.githubusercontent.com/kedacore/keda/68a5b5028f35b22d50597c69819ab32c4e92f21a/config/crd/bases/keda.sh_clustertriggerauthentications.yaml' },
      { file: 'crds/keda/keda.sh_scaledjobs.yaml', url: 'https://raw.githubusercontent.com/kedacore/keda/68a5b5028f35b22d50597c69819ab32c4e92f21a/config/crd/bases/keda.sh_scaledjobs.yaml' },
      { file: 'crds/keda/keda.sh_scaledobjects.yaml', url: 'https://raw.githubusercontent.com/kedacore/keda/68a5b5028f35b22d50597c69819ab32c4e92f21a/config/crd/bases/keda.sh_scaledobjects.yaml' },
      { file: 'crds/keda/keda.sh_triggerauthentications.yaml', url: 'https://raw.githubusercontent.com/kedacore/keda/68a5b5028f35b22d50597c69819ab32c4e92f21a/config/crd/bases/keda.sh_triggerauthentications.yaml' },
    ],
    chartValues: { file: 'chart-values/keda-2.20.2.yaml', url: 'https://raw.githubusercontent.com/kedacore/charts/cbb9bb8ce0809dc9048f72302f7c09765d66ed56/keda/values.yaml' },
  },
  'kyverno': {
    title: 'Kyverno',
    appVersion: '1.19.0',
    chart: { name: 'kyverno', repository: 'https://kyverno.github.io/kyverno/', version: '3.9.0' },
    crds: [
      { file: 'crds/kyverno/policies.kyverno.io_deletingpolicies.yaml', url: 'https://raw.githubusercontent.com/kyverno/kyverno/ee97ce09538b09b6f1b03853cc41a62654d6a58f/config/crds/policies.kyverno.io/policies.kyverno.io_deletingpolicies.yaml' },
      { file: 'crds/kyverno/policies.kyverno.io_generatingpolicies.yaml', url: 'https://raw.githubusercontent.com/kyverno/kyverno/ee97ce09538b09b6f1b03853cc41a62654d6a58f/config/crds/policies.kyverno.io/policies.kyverno.io_generatingpolicies.yaml' },
      { file: 'crds/kyverno/policies.kyverno.io_imagevalidatingpolicies.yaml', url: 'https://raw.githubusercontent.com/kyverno/kyverno/ee97ce09538b09b6f1b03853cc41a62654d6a58f/config/crds/policies.kyverno.io/policies.kyverno.io_imagevalidatingpolicies.yaml' },
      { file: 'crds/kyverno/policies.kyverno.io_mutatingpolicies.yaml', url: 'https://raw.githubusercontent.com/kyverno/kyverno/ee97ce09538b09b6f1b03853cc41a62654d6a58f/config/crds/policies.kyverno.io/policies.kyverno.io_mutatingpolicies.yaml' },
      { file: 'crds/kyverno/policies.kyverno.io_namespaceddeletingpolicies.yaml', url: 'https://raw.githubusercontent.com/kyverno/kyverno/ee97ce09538b09b6f1b03853cc41a62654d6a58f/config/crds/policies.kyverno.io/policies.kyverno.io_namespaceddeletingpolicies.yaml' },
      { file: 'crds/kyverno/policies.kyverno.io_namespacedgeneratingpolicies.yaml', url: 'https://raw.githubusercontent.com/kyverno/kyverno/ee97ce09538b09b6f1b03853cc41a62654d6a58f/config/crds/policies.kyverno.io/policies.kyverno.io_namespacedgeneratingpolicies.yaml' },
      { file: 'crds/kyverno/policies.kyverno.io_namespacedimagevalidatingpolicies.yaml', url: 'https://raw.githubusercontent.com/kyverno/kyverno/ee97ce09538b09b6f1b03853cc41a62654d6a58f/config/crds/policies.kyverno.io/policies.kyverno.io_namespacedimagevalidatingpolicies.yaml' },
      { file: 'crds/kyverno/policies.kyverno.io_namespacedmutatingpolicies.yaml', url: 'https://raw.githubusercontent.com/kyverno/kyverno/ee97ce09538b09b6f1b03853cc41a62654d6a58f/config/crds/policies.kyverno.io/policies.kyverno.io_namespacedmutatingpolicies.yaml' },
      { file: 'crds/kyverno/policies.kyverno.io_namespacedvalidatingpolicies.yaml', url: 'https://raw.githubusercontent.com/kyverno/kyverno/ee97ce09538b09b6f1b03853cc41a62654d6a58f/config/crds/policies.kyverno.io/policies.kyverno.io_namespacedvalidatingpolicies.yaml' },
      { file: 'crds/kyverno/policies.kyverno.io_policyexceptions.yaml', url: 'https://raw.githubusercontent.com/kyverno/kyverno/ee97ce09538b09b6f1b03853cc41a62654d6a58f/config/crds/policies.kyverno.io/policies.kyverno.io_policyexceptions.yaml' },
      { file: 'crds/kyverno/policies.kyverno.io_validatingpolicies.yaml', url: 'https://raw.githubusercontent.com/kyverno/kyverno/ee97ce09538b09b6f1b03853cc41a62654d6a58f/config/crds/policies.kyverno.io/policies.kyverno.io_validatingpolicies.yaml' },
      { file: 'crds/kyverno/wgpolicyk8s.io_clusterpolicyreports.yaml', url: 'https://raw.githubusercontent.com/kyverno/kyverno/ee97ce09538b09b6f1b03853cc41a62654d6a58f/config/crds/policyreport/wgpolicyk8s.io_clusterpolicyreports.yaml' },
      { file: 'crds/kyverno/wgpolicyk8s.io_policyreports.yaml', url: 'https://raw.githubusercontent.com/kyverno/kyverno/ee97ce09538b09b6f1b03853cc41a62654d6a58f/config/crds/policyreport/wgpolicyk8s.io_policyreports.yaml' },
    ],
    chartValues: { file: 'chart-values/kyverno-3.9.0.yaml', url: 'https://raw.githubusercontent.com/kyverno/kyverno/ee97ce09538b09b6f1b03853cc41a62654d6a58f/charts/kyverno/values.yaml' },
  },
  'litmus': {
    title: 'LitmusChaos',
    appVersion: '3.31.0',
    chart: { name: 'litmus-core', repository: 'https://litmuschaos.github.io/litmus-helm/', version: '3.28.1' },
    crds: [
      { file: 'crds/litmus/litmus-crds.yaml', url: 'https://raw.githubusercontent.com/litmuschaos/litmus/5d37ea84a96a1653a13781fad6f3d7ffcde7f660/chaoscenter/graphql/server/manifests/cluster/2a_litmus_crds.yaml' },
    ],
    chartValues: { file: 'chart-values/litmus-core-3.28.1.yaml', url: 'https://raw.githubusercontent.com/litmuschaos/litmus-helm/f16951cc2a2640c545c544daeb8dd31e3d36fba9/charts/litmus-core/values.yaml' },
  },
  'kube-prometheus-stack': {
    title: 'prometheus-operator / kube-prometheus-stack',
    appVersion: '0.93.0',
    chart: { name: 'kube-prometheus-stack', repository: 'https://prometheus-community.github.io/helm-charts', version: '88.5.3' },
    crds: [
      { file: 'crds/prometheus-operator/monitoring.coreos.com_alertmanagerconfigs.yaml', url: 'https://raw.githubusercontent.com/prometheus-operator/prometheus-operator/f8fafd475f3d132e239432ae6172de60a6cb6516/example/prometheus-operator-crd/monitoring.coreos.com_alertmanagerconfigs.yaml' },
      { file: 'crds/prometheus-operator/monitoring.coreos.com_alertmanagers.yaml', url: 'https://raw.githubusercontent.com/prometheus-operator/prometheus-operator/f8fafd475f3d132e239432ae6172de60a6cb6516/example/prometheus-operator-crd/monitoring.coreos.com_alertmanagers.yaml' },
      { file: 'crds/prometheus-operator/monitoring.coreos.com_podmonitors.yaml', url: 'https://raw.githubusercontent.com/prometheus-operator/prometheus-operator/f8fafd475f3d132e239432ae6172de60a6cb6516/example/prometheus-operator-crd/monitoring.coreos.com_podmonitors.yaml' },
      { file: 'crds/prometheus-operator/monitoring.coreos.com_probes.yaml', url: 'https://raw.githubusercontent.com/prometheus-operator/prometheus-operator/f8fafd475f3d132e239432ae6172de60a6cb6516/example/prometheus-operator-crd/monitoring.coreos.com_probes.yaml' },
      { file: 'crds/prometheus-operator/monitoring.coreos.com_prometheusagents.yaml', url: 'https://raw.githubusercontent.com/prometheus-operator/prometheus-operator/f8fafd475f3d132e239432ae6172de60a6cb6516/example/prometheus-operator-crd/monitoring.coreos.com_prometheusagents.yaml' },
      { file: 'crds/prometheus-operator/monitoring.coreos.com_prometheuses.yaml', url: 'https://raw.githubusercontent.com/prometheus-operator/prometheus-operator/f8fafd475f3d132e239432ae6172de60a6cb6516/example/prometheus-operator-crd/monitoring.coreos.com_prometheuses.yaml' },
      { file: 'crds/prometheus-operator/monitoring.coreos.com_prometheusrules.yaml', url: 'https://raw.githubusercontent.com/prometheus-operator/prometheus-operator/f8fafd475f3d132e239432ae6172de60a6cb6516/example/prometheus-operator-crd/monitoring.coreos.com_prometheusrules.yaml' },
      { file: 'crds/prometheus-operator/monitoring.coreos.com_scrapeconfigs.yaml', url: 'https://raw.githubusercontent.com/prometheus-operator/prometheus-operator/f8fafd475f3d132e239432ae6172de60a6cb6516/example/prometheus-operator-crd/monitoring.coreos.com_scrapeconfigs.yaml' },
      { file: 'crds/prometheus-operator/monitoring.coreos.com_servicemonitors.yaml', url: 'https://raw.githubusercontent.com/prometheus-operator/prometheus-operator/f8fafd475f3d132e239432ae6172de60a6cb6516/example/prometheus-operator-crd/monitoring.coreos.com_servicemonitors.yaml' },
      { file: 'crds/prometheus-operator/monitoring.coreos.com_thanosrulers.yaml', url: 'https://raw.githubusercontent.com/prometheus-operator/prometheus-operator/f8fafd475f3d132e239432ae6172de60a6cb6516/example/prometheus-operator-crd/monitoring.coreos.com_thanosrulers.yaml' },
    ],
    chartValues: { file: 'chart-values/kube-prometheus-stack-88.5.3.yaml', url: 'https://raw.githubusercontent.com/prometheus-community/helm-charts/ea930baeebeba39f56d6b44e351f23b2a072a600/charts/kube-prometheus-stack/values.yaml' },
  },
  'argo-cd': {
    title: 'Argo CD',
    appVersion: '3.5.1',
    chart: { name: 'argo-cd', repository: 'https://argoproj.github.io/argo-helm', version: '10.1.1' },
    crds: [
      { file: 'crds/argo-cd/application-crd.yaml', url: 'https://raw.githubusercontent.com/argoproj/argo-cd/109ca7ca71139e514114499d294a492e7910a965/manifests/crds/application-crd.yaml' },
      { file: 'crds/argo-cd/applicationset-crd.yaml', url: 'https://raw.githubusercontent.com/argoproj/argo-cd/109ca7ca71139e514114499d294a492e7910a965/manifests/crds/applicationset-crd.yaml' },
      { file: 'crds/argo-cd/appproject-crd.yaml', url: 'https://raw.githubusercontent.com/argoproj/argo-cd/109ca7ca71139e514114499d294a492e7910a965/manifests/crds/appproject-crd.yaml' },
    ],
    chartValues: { file: 'chart-values/argo-cd-10.1.1.yaml', url: 'https://raw.githubusercontent.com/argoproj/argo-helm/af0a9310bacbaa4636018dfe22c801a6d33a5c43/charts/argo-cd/values.yaml' },
  },
  'external-secrets': {
    title: 'External Secrets Operator',
    appVersion: '2.9.0',
    chart: { name: 'external-secrets', repository: 'https://charts.external-secrets.io', version: '2.9.0' },
    crds: [
      { file: 'crds/external-secrets/external-secrets.io_clusterexternalsecrets.yaml', url: 'https://raw.githubusercontent.com/external-secrets/external-secrets/378bdb622ed9712ef4a58370f6a17af033b7d343/config/crds/bases/external-secrets.io_clusterexternalsecrets.yaml' },
      { file: 'crds/external-secrets/external-secrets.io_clustersecretstores.yaml', url: 'https://raw.githubusercontent.com/external-secrets/external-secrets/378bdb622ed9712ef4a58370f6a17af033b7d343/config/crds/bases/external-secrets.io_clustersecretstores.yaml' },
      { file: 'crds/external-secrets/external-secrets.io_externalsecrets.yaml', url: 'https://raw.githubusercontent.com/external-secrets/external-secrets/378bdb622ed9712ef4a58370f6a17af033b7d343/config/crds/bases/external-secrets.io_externalsecrets.yaml' },
      { file: 'crds/external-secrets/external-secrets.io_secretstores.yaml', url: 'https://raw.githubusercontent.com/external-secrets/external-secrets/378bdb622ed9712ef4a58370f6a17af033b7d343/config/crds/bases/external-secrets.io_secretstores.yaml' },
    ],
    chartValues: { file: 'chart-values/external-secrets-2.9.0.yaml', url: 'https://raw.githubusercontent.com/external-secrets/external-secrets/378bdb622ed9712ef4a58370f6a17af033b7d343/deploy/charts/external-secrets/values.yaml' },
  },
  'trivy-operator': {
    title: 'Trivy operator',
    appVersion: '0.30.1',
    // Renders no custom resources of its own (its CRDs ship with the chart); values not mirrored.
    chart: { name: 'trivy-operator', repository: 'https://aquasecurity.github.io/helm-charts/', version: '0.32.1' },
    crds: [],
    chartValues: { file: 'chart-values/trivy-operator-0.32.1.yaml', url: 'https://raw.githubusercontent.com/aquasecurity/trivy-operator/v0.30.1/deploy/helm/values.yaml' },
  },
  // Loki 8.2.0 was never published; 8.1.3 is the newest 8.x release and runs the same Loki
  // (3.6.7) these values were written for. 18.x renames the deployment modes (SingleBinary ->
  // Monolithic), adds a values schema and moves to Loki 3.7: an upgrade of its own, with its own
  // migration of the write-ahead log and schema, not a pin fix.
  'loki': {
    title: 'Grafana Loki',
    appVersion: '3.6.7',
    chart: { name: 'loki', repository: 'https://grafana-community.github.io/helm-charts', version: '8.1.3' },
    crds: [],
    chartValues: { file: 'chart-values/loki-8.1.3.yaml', url: 'https://raw.githubusercontent.com/grafana-community/helm-charts/loki-8.1.3/charts/loki/values.yaml' },
  },
  'tempo': {
    title: 'Grafana Tempo (single binary)',
    appVersion: '2.10.0',
    chart: { name: 'tempo', repository: 'https://grafana-community.github.io/helm-charts', version: '1.26.2' },
    crds: [],
    chartValues: { file: 'chart-values/tempo-1.26.2.yaml', url: 'https://raw.githubusercontent.com/grafana-community/helm-charts/2843a2b4ad34cbe3cf406a3bc48aedb0fcb2af49/charts/tempo/values.yaml' },
  },
  'opentelemetry-collector': {
    title: 'OpenTelemetry Collector',
    appVersion: '0.143.0',
    chart: { name: 'opentelemetry-collector', repository: 'https://open-telemetry.github.io/opentelemetry-helm-charts', version: '0.143.0' },
    crds: [],
    chartValues: { file: 'chart-values/opentelemetry-collector-0.143.0.yaml', url: 'https://raw.githubusercontent.com/open-telemetry/opentelemetry-helm-charts/opentelemetry-collector-0.143.0/charts/opentelemetry-collector/values.yaml' },
  },
  'opencost': {
    title: 'OpenCost',
    appVersion: '1.109.0',
    chart: { name: 'opencost', repository: 'https://opencost.github.io/opencost-helm-chart', version: '1.33.3' },
    crds: [],
    chartValues: { file: 'chart-values/opencost-1.33.3.yaml', url: 'https://raw.githubusercontent.com/opencost/opencost-helm-chart/b142d2588f1ee9f7ad3ce5a7020718d18e7a21d4/charts/opencost/values.yaml' },
  },
  'metrics-server': {
    title: 'Kubernetes Metrics Server',
    appVersion: '0.8.1',
    chart: { name: 'metrics-server', repository: 'https://kubernetes-sigs.github.io/metrics-server/', version: '3.13.1' },
    crds: [],
    chartValues: { file: 'chart-values/metrics-server-3.13.1.yaml', url: 'https://raw.githubusercontent.com/kubernetes-sigs/metrics-server/metrics-server-helm-chart-3.13.1/charts/metrics-server/values.yaml' },
  },
  'alloy': {
    title: 'Grafana Alloy',
    appVersion: '1.18.1',
    // The chart's PodLogs CRD is not installed (crds.create: false): logs are read from the nodes.
    chart: { name: 'alloy', repository: 'https://grafana.github.io/helm-charts', version: '1.11.1' },
    crds: [],
    chartValues: { file: 'chart-values/alloy-1.11.1.yaml', url: 'https://raw.githubusercontent.com/grafana/alloy/helm-chart/1.11.1/operations/helm/charts/alloy/values.yaml' },
  },
  'aws-load-balancer-controller': {
    title: 'AWS Load Balancer Controller',
    appVersion: '3.5.0',
    // Installed by the bootstrap (it needs the VPC id); its CRDs ship with the chart.
    chart: { name: 'aws-load-balancer-controller', repository: 'https://aws.github.io/eks-charts', version: '3.5.0' },
    crds: [],
    chartValues: { file: 'chart-values/aws-load-balancer-controller-3.5.0.yaml', url: 'https://raw.githubusercontent.com/aws/eks-charts/5239609/stable/aws-load-balancer-controller/values.yaml' },
  },
} as const satisfies Record<string, UpstreamComponent>;

export type UpstreamName = keyof typeof UPSTREAM;

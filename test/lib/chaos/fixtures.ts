import { Chart, Testing } from 'cdk8s';
import { ExperimentDefinition, type ChaosFault } from '../../../lib/chaos';
import { WebService } from '../../../lib/workloads';

/** A chart carrying the ownership labels the pod templates need. */
export function ownedChart(): Chart {
  return new Chart(Testing.app(), 'test', { labels: { team: 'payments', 'cost-center': 'cc-7' }, disableResourceNameHashes: true });
}

export const GO_RUNNER = 'docker.io/litmuschaos/go-runner:3.31.0';
export const KUBECTL = '111111111111.dkr.ecr.eu-west-1.amazonaws.com/mirror/kubectl:v1.33.5';
export const PROMETHEUS = 'http://prometheus.monitoring.svc:9090';

export function experiment(chart: Chart, fault: ChaosFault, namespace = 'litmus'): ExperimentDefinition {
  return new ExperimentDefinition(chart, `experiment-${fault.name}`, { fault, namespace, image: GO_RUNNER });
}

export function webService(chart: Chart, name = 'api', minReplicas = 2): WebService {
  return new WebService(chart, name, { name, namespace: 'apps', image: `111111111111.dkr.ecr.eu-west-1.amazonaws.com/demo/${name}:1.4.2`, minReplicas });
}

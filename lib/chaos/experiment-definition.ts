import { Construct } from 'constructs';
import { ChaosExperiment } from '../../imports/litmus-litmuschaos.io';
import { checkImage } from '../workloads/container';
import { CHAOS_NAMESPACE_RULES, type ChaosFault } from './chaos-fault';

/**
 * Labels every experiment job pod carries (the runner copies `definition.labels` onto the job):
 * what the targets' network policies admit the probes from.
 */
export const EXPERIMENT_POD_LABELS: Readonly<Record<string, string>> = {
  'app.kubernetes.io/part-of': 'litmus',
  'app.kubernetes.io/component': 'experiment-job',
};

export interface ExperimentDefinitionProps {
  readonly fault: ChaosFault;
  /** Namespace of the engines that run it: a ChaosEngine reads its experiments from its own namespace. */
  readonly namespace: string;
  /** The Litmus `go-runner` image with a pinned tag, e.g. `docker.io/litmuschaos/go-runner:3.31.0`. */
  readonly image: string;
  /** @default 'IfNotPresent' (the tag is pinned) */
  readonly imagePullPolicy?: 'IfNotPresent' | 'Always';
}

/**
 * A Litmus ChaosExperiment: how the runner starts a fault (image, command, tunables with their
 * defaults, labels) and, for documentation and ChaosCenter, every permission it needs. The
 * permissions are granted per drill, not here (see ChaosDrill).
 */
export class ExperimentDefinition extends Construct {
  public readonly name: string;
  public readonly namespace: string;
  public readonly fault: ChaosFault;
  public readonly image: string;

  constructor(scope: Construct, id: string, props: ExperimentDefinitionProps) {
    super(scope, id);
    const owner = `ExperimentDefinition ${props.fault.name}`;
    checkImage(owner, props.image);
    if (props.fault.target === 'nodes' && props.fault.clusterRules.length === 0) {
      throw new Error(`${owner}: fault.clusterRules is empty: a node fault acts on cluster-scoped nodes and must list the cluster-wide rules it needs`);
    }
    this.name = props.fault.name;
    this.namespace = props.namespace;
    this.fault = props.fault;
    this.image = props.image;
    const fault = props.fault;
    // Helper pods run the same image, so the helper always matches the experiment.
    const env = { ...fault.env, ...(fault.helperPods ? { LIB_IMAGE: props.image } : {}) };

    new ChaosExperiment(this, 'experiment', {
      metadata: { name: fault.name, namespace: props.namespace, labels: { 'app.kubernetes.io/name': fault.name } },
      description: { message: fault.description },
      spec: {
        definition: {
          scope: fault.clusterRules.length > 0 ? 'Cluster' : 'Namespaced',
          permissions: [...CHAOS_NAMESPACE_RULES, ...fault.targetRules, ...fault.clusterRules].map((r) => ({
            apiGroups: [...r.apiGroups],
            resources: [...r.resources],
            verbs: [...r.verbs],
          })),
          image: props.image,
          imagePullPolicy: props.imagePullPolicy ?? 'IfNotPresent',
          command: ['/bin/bash'],
          args: ['-c', `./experiments -name ${fault.name}`],
          env: Object.entries(env).map(([name, value]) => ({ name, value })),
          labels: {
            name: fault.name,
            ...EXPERIMENT_POD_LABELS,
            ...(fault.helperPods ? { 'app.kubernetes.io/runtime-api-usage': 'true' } : {}),
          },
        },
      },
    });
  }
}

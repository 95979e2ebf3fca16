import { Construct } from 'constructs';
import { selectorLabels } from './labels';
import type { NetworkPeer } from './network-access';

/**
 * What every workload construct of this library is (`WebService`, `QueueWorker`, `QueueJob`,
 * `StatefulStore`): pods of one name in one namespace, selected by their `app.kubernetes.io/name`
 * label, which network intents can open traffic to and from.
 */
export abstract class WorkloadConstruct extends Construct implements NetworkPeer {
  public readonly name: string;
  public readonly namespace: string;
  public readonly selectorLabels: Readonly<Record<string, string>>;
  /** How errors name this workload: `<Kind> <name>`. */
  protected readonly owner: string;

  protected constructor(scope: Construct, id: string, kind: string, props: { readonly name: string; readonly namespace: string }) {
    super(scope, id);
    this.owner = `${kind} ${props.name}`;
    this.name = props.name;
    this.namespace = props.namespace;
    this.selectorLabels = selectorLabels(props.name);
  }
}

import { isDnsLabel } from '../config/checks';
import { Lazy } from 'cdk8s';
import type { Construct } from 'constructs';
import { Application } from '../../imports/argo-cd-argoproj.io';
import { ApplicationBase, type ApplicationIdentity } from './application-base';
import { applicationMetadata, applicationSpec } from './application-options';

/** `name` is unique among all Applications of one Argo CD: prefix it with the environment. */
export interface PlatformApplicationProps extends ApplicationIdentity {
  /** API server the Application deploys to. */
  readonly destinationServer: string;
}

/**
 * An Argo CD Application with the platform's sync policy: automated with prune and self-heal,
 * prune last, retry with back-off, and (when asked) server-side apply and namespace creation.
 */
export class PlatformApplication extends ApplicationBase {
  public readonly resource: Application;

  constructor(scope: Construct, id: string, props: PlatformApplicationProps) {
    if (!isDnsLabel(props.name)) {
      throw new Error(`PlatformApplication ${id}: name = ${JSON.stringify(props.name)}: must be a DNS label of at most 63 characters`);
    }
    if (props.destinationServer === '') throw new Error(`PlatformApplication ${id}: destinationServer is empty: give the API server URL`);
    super(scope, id, 'PlatformApplication', props);

    this.resource = new Application(this, 'Resource', {
      metadata: { name: props.name, namespace: props.namespace ?? 'argocd', ...applicationMetadata(this.options) },
      spec: Lazy.any({ produce: () => applicationSpec(this.options, props.destinationServer, this.ignoredReplicas) }),
    });
  }
}

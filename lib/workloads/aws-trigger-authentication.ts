import { Construct } from 'constructs';
import { TriggerAuthentication, TriggerAuthenticationSpecPodIdentityProvider } from '../../imports/keda-keda.sh';
import { APP_NAME_LABEL } from './labels';

export interface AwsTriggerAuthenticationProps {
  readonly name: string;
  readonly namespace: string;
}

/**
 * Lets KEDA call AWS (e.g. SQS GetQueueAttributes) with the KEDA operator's own EKS Pod Identity:
 * `podIdentity.provider: aws` without a role ARN. (`aws-eks` is the deprecated IRSA provider.)
 * The operator's IAM role must allow the calls its triggers make.
 */
export class AwsTriggerAuthentication extends Construct {
  public readonly name: string;

  constructor(scope: Construct, id: string, props: AwsTriggerAuthenticationProps) {
    super(scope, id);
    this.name = props.name;
    new TriggerAuthentication(this, 'resource', {
      metadata: { name: props.name, namespace: props.namespace, labels: { [APP_NAME_LABEL]: props.name } },
      spec: { podIdentity: { provider: TriggerAuthenticationSpecPodIdentityProvider.AWS } },
    });
  }
}

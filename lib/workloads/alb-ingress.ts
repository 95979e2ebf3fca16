import { k8s } from 'cdk8s-plus-29';
import { Construct } from 'constructs';
import { APP_NAME_LABEL } from './labels';

/** How a service is exposed through an AWS Application Load Balancer. */
/** IngressClass of the AWS Load Balancer Controller (the bootstrap installs it and creates the class). */
export const ALB_INGRESS_CLASS = 'alb';

export interface AlbIngressOptions {
  /** `internet-facing` (public subnets) or `internal` (private subnets). */
  readonly scheme: 'internet-facing' | 'internal';
  /** Path prefix routed to the service. @default '/' */
  readonly path?: string;
  /** Host name matched. @default - any host */
  readonly host?: string;
  /** ACM certificate ARN: adds an HTTPS:443 listener and redirects HTTP to it. @default - HTTP:80 only */
  readonly certificateArn?: string;
  /** Ingresses with the same group share one ALB. @default - an ALB of its own */
  readonly groupName?: string;
  /** Rule order within the group; lower is evaluated first (put specific paths first). @default - 0 */
  readonly groupOrder?: number;
}

export interface AlbIngressProps extends AlbIngressOptions {
  readonly name: string;
  readonly namespace: string;
  /** Service the rule points at, on its `use-annotation` port (the Rollout writes the action). */
  readonly rootServiceName: string;
  /** Path the ALB health checks on each pod. */
  readonly healthCheckPath: string;
}

const ALB = 'alb.ingress.kubernetes.io';

/**
 * An Ingress for the AWS Load Balancer Controller with IP targets. Its one rule points at the
 * root service with the `use-annotation` port, so Argo Rollouts can write the weighted forward
 * action (stable vs canary target groups) into the Ingress annotations during a canary.
 */
export class AlbIngress extends Construct {
  public readonly name: string;

  constructor(scope: Construct, id: string, props: AlbIngressProps) {
    super(scope, id);
    const owner = `AlbIngress ${props.name}`;
    const path = props.path ?? '/';
    if (!path.startsWith('/')) throw new Error(`${owner}: path = ${path}: must start with /`);
    if (props.certificateArn !== undefined && !/^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[A-Za-z0-9-]+$/.test(props.certificateArn)) {
      throw new Error(`${owner}: certificateArn = ${props.certificateArn}: must be an ACM certificate ARN`);
    }
    if (props.groupOrder !== undefined && !(Number.isInteger(props.groupOrder) && props.groupOrder >= -1000 && props.groupOrder <= 1000)) {
      throw new Error(`${owner}: groupOrder = ${props.groupOrder}: must be an integer from -1000 to 1000 (AWS Load Balancer Controller rule)`);
    }
    this.name = props.name;
    const https = props.certificateArn !== undefined;
    const annotations: Record<string, string> = {
      [`${ALB}/scheme`]: props.scheme,
      [`${ALB}/target-type`]: 'ip',
      [`${ALB}/healthcheck-path`]: props.healthCheckPath,
      [`${ALB}/listen-ports`]: JSON.stringify(https ? [{ HTTP: 80 }, { HTTPS: 443 }] : [{ HTTP: 80 }]),
    };
    if (https) {
      annotations[`${ALB}/certificate-arn`] = props.certificateArn!;
      annotations[`${ALB}/ssl-redirect`] = '443';
    }
    if (props.groupName !== undefined) annotations[`${ALB}/group.name`] = props.groupName;
    if (props.groupOrder !== undefined) annotations[`${ALB}/group.order`] = String(props.groupOrder);

    new k8s.KubeIngress(this, 'ingress', {
      metadata: { name: props.name, namespace: props.namespace, labels: { [APP_NAME_LABEL]: props.name }, annotations },
      spec: {
        ingressClassName: ALB_INGRESS_CLASS,
        rules: [
          {
            host: props.host,
            http: {
              paths: [{ path, pathType: 'Prefix', backend: { service: { name: props.rootServiceName, port: { name: 'use-annotation' } } } }],
            },
          },
        ],
      },
    });
  }
}

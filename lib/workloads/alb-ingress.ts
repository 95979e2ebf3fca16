import { assertRule, integerRule } from '../config/checks';
import { k8s } from 'cdk8s-plus-29';
import { Construct } from 'constructs';
import { APP_NAME_LABEL } from './labels';

/**
 * TLS policy of HTTPS listeners unless one is given: TLS 1.3 and 1.2 with forward-secret ciphers
 * only (the current policy the AWS Load Balancer Controller documents; its own default,
 * `ELBSecurityPolicy-2016-08`, still accepts TLS 1.0).
 */
export const ALB_TLS_POLICY = 'ELBSecurityPolicy-TLS13-1-2-2021-06';

// ELB predefined policies whose lowest protocol is TLS 1.2 or 1.3 (incl. FIPS and PQ variants).
const TLS12_OR_LATER_POLICY = /^ELBSecurityPolicy-(TLS13-1-[23]|TLS-1-2|FS-1-2)(-[A-Za-z0-9]+)*$/;
const ACM_CERTIFICATE_ARN = /^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[A-Za-z0-9-]+$/;
// AWS WAFv2 web ACL names: 1-128 word characters and hyphens.
const WEB_ACL_NAME = /^[\w-]{1,128}$/;

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
  /**
   * ACM certificate ARN: adds an HTTPS:443 listener and answers HTTP:80 only with a redirect to it.
   * @default - HTTP:80 only
   */
  readonly certificateArn?: string;
  /**
   * ELB TLS policy of the HTTPS listener; must not accept anything older than TLS 1.2.
   * @default ALB_TLS_POLICY
   */
  readonly sslPolicy?: string;
  /**
   * Name of the regional AWS WAFv2 web ACL the load balancer is associated with. The controller
   * looks the ARN up by name, so a web ACL created elsewhere (the bootstrap) is attached without
   * copying its generated id.
   * @default - no web ACL
   */
  readonly webAclName?: string;
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
 * With a certificate, HTTP only redirects to HTTPS, which negotiates TLS 1.2 or later.
 */
export class AlbIngress extends Construct {
  public readonly name: string;
  /** Whether the load balancer serves HTTPS (and redirects HTTP to it). */
  public readonly https: boolean;
  /** The TLS policy of the HTTPS listener, when there is one. */
  public readonly sslPolicy?: string;

  constructor(scope: Construct, id: string, props: AlbIngressProps) {
    super(scope, id);
    const owner = `AlbIngress ${props.name}`;
    const path = props.path ?? '/';
    if (!path.startsWith('/')) throw new Error(`${owner}: path = ${path}: must start with /`);
    if (props.certificateArn !== undefined && !ACM_CERTIFICATE_ARN.test(props.certificateArn)) {
      throw new Error(`${owner}: certificateArn = ${props.certificateArn}: must be an ACM certificate ARN`);
    }
    if (props.sslPolicy !== undefined && props.certificateArn === undefined) {
      throw new Error(`${owner}: sslPolicy = ${props.sslPolicy}: applies to the HTTPS listener only; give a certificateArn too`);
    }
    if (props.sslPolicy !== undefined && !TLS12_OR_LATER_POLICY.test(props.sslPolicy)) {
      throw new Error(`${owner}: sslPolicy = ${props.sslPolicy}: must be an ELB security policy that refuses TLS older than 1.2, such as ${ALB_TLS_POLICY}`);
    }
    if (props.webAclName !== undefined && !WEB_ACL_NAME.test(props.webAclName)) {
      throw new Error(`${owner}: webAclName = ${props.webAclName}: must be a WAFv2 web ACL name (1-128 letters, digits, _ and -)`);
    }
    if (props.groupOrder !== undefined) {
      const problem = integerRule(props.groupOrder, -1000, 1000);
      assertRule(owner, 'groupOrder', props.groupOrder, problem && `${problem} (AWS Load Balancer Controller rule)`);
    }
    this.name = props.name;
    this.https = props.certificateArn !== undefined;
    const annotations: Record<string, string> = {
      [`${ALB}/scheme`]: props.scheme,
      [`${ALB}/target-type`]: 'ip',
      [`${ALB}/healthcheck-path`]: props.healthCheckPath,
      [`${ALB}/listen-ports`]: JSON.stringify(this.https ? [{ HTTP: 80 }, { HTTPS: 443 }] : [{ HTTP: 80 }]),
    };
    if (this.https) {
      this.sslPolicy = props.sslPolicy ?? ALB_TLS_POLICY;
      annotations[`${ALB}/certificate-arn`] = props.certificateArn!;
      annotations[`${ALB}/ssl-policy`] = this.sslPolicy;
      // Every HTTP listener rule becomes a redirect to 443: no content is served in clear text.
      annotations[`${ALB}/ssl-redirect`] = '443';
    }
    if (props.webAclName !== undefined) annotations[`${ALB}/wafv2-acl-name`] = props.webAclName;
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

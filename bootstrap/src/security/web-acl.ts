import { Wafv2WebAcl } from '@cdktn/provider-aws/lib/wafv2-web-acl';
import { Wafv2WebAclLoggingConfiguration } from '@cdktn/provider-aws/lib/wafv2-web-acl-logging-configuration';
import { Construct } from 'constructs';
import type { EncryptionKey } from './encryption-key';
import { EncryptedLogGroup } from './log-group';

export interface WebAclProps {
  /** Web ACL name; the load balancer controller finds it by this name. */
  readonly name: string;
  /**
   * Requests one client IP may send in any 5 minutes before it is blocked.
   * @default 2000
   */
  readonly requestsPerIpPer5Minutes?: number;
  /** Key of the log group the web ACL logs every request to; its policy must allow CloudWatch Logs. */
  readonly logKey: EncryptionKey;
  /**
   * Days the request logs are kept.
   * @default 365
   */
  readonly logRetentionInDays?: number;
}

/** AWS managed rule groups evaluated in this order, each in its own rule. */
export const MANAGED_RULE_GROUPS = ['AWSManagedRulesAmazonIpReputationList', 'AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet'] as const;

const WEB_ACL_NAME = /^[\w-]{1,128}$/;

/**
 * A regional WAFv2 web ACL for application load balancers: requests from known-bad IPs, the OWASP
 * common rule set and known bad inputs (Log4j, Java deserialization) are blocked by AWS managed
 * rule groups, and a client IP above the rate limit is blocked for as long as it stays above it.
 * Everything else is allowed. Every rule emits CloudWatch metrics and samples requests, and every
 * request is logged to an encrypted log group (`aws-waf-logs-<name>`, the prefix WAF requires)
 * with the Authorization and Cookie headers redacted.
 */
export class WebAcl extends Construct {
  public readonly webAcl: Wafv2WebAcl;
  public readonly name: string;
  public readonly arn: string;

  constructor(scope: Construct, id: string, props: WebAclProps) {
    super(scope, id);
    if (!WEB_ACL_NAME.test(props.name)) throw new Error(`WebAcl ${id}: name = ${props.name}: must be 1-128 letters, digits, _ or - (WAF rule)`);
    const limit = props.requestsPerIpPer5Minutes ?? 2000;
    if (!Number.isInteger(limit) || limit < 10 || limit > 2_000_000_000) {
      throw new Error(`WebAcl ${id}: requestsPerIpPer5Minutes = ${limit}: must be an integer from 10 to 2000000000 (WAF rate-based rule limits)`);
    }
    this.name = props.name;
    const visibility = (metric: string) => ({ cloudwatchMetricsEnabled: true, metricName: metric, sampledRequestsEnabled: true });
    // `statement` is untyped in the binding (recursive in the provider schema): Terraform's block names.
    const rules = [
      ...MANAGED_RULE_GROUPS.map((group, priority) => ({
        name: group,
        priority,
        statement: { managed_rule_group_statement: { vendor_name: 'AWS', name: group } },
        // The groups' own actions apply (block), not a count-only override.
        overrideAction: { none: {} },
        visibilityConfig: visibility(`${props.name}-${group}`),
      })),
      {
        name: 'rate-limit-per-ip',
        priority: MANAGED_RULE_GROUPS.length,
        statement: { rate_based_statement: { limit, evaluation_window_sec: 300, aggregate_key_type: 'IP' } },
        action: { block: {} },
        visibilityConfig: visibility(`${props.name}-rate-limit-per-ip`),
      },
    ];
    this.webAcl = new Wafv2WebAcl(this, 'web-acl', {
      name: props.name,
      description: `Public application load balancers: AWS managed rules and ${limit} requests per IP per 5 minutes`,
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      rule: rules,
      visibilityConfig: visibility(props.name),
    });
    this.arn = this.webAcl.arn;
    const logs = new EncryptedLogGroup(this, 'logs', { name: `aws-waf-logs-${props.name}`, encryptionKey: props.logKey, retentionInDays: props.logRetentionInDays ?? 365 });
    new Wafv2WebAclLoggingConfiguration(this, 'logging', {
      resourceArn: this.webAcl.arn,
      logDestinationConfigs: [logs.arn],
      redactedFields: [{ singleHeader: { name: 'authorization' } }, { singleHeader: { name: 'cookie' } }],
    });
  }
}

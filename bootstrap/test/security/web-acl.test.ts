import { MANAGED_RULE_GROUPS, WebAcl } from '../../src/security/web-acl';
import { EncryptionKey } from '../../src/security/encryption-key';
import { location, only, synthScope } from '../util';
import type { Construct } from 'constructs';

const logKey = (scope: Construct) => new EncryptionKey(scope, 'logs', { location, alias: 'logs', description: 'logs', allowCloudWatchLogs: true });

describe('WebAcl', () => {
  const json = synthScope((scope) => new WebAcl(scope, 'waf', { name: 'platform-prod-alb', logKey: logKey(scope) }));
  const acl = only(json, 'aws_wafv2_web_acl');
  const rules = JSON.parse(acl.rule_json);

  test('a regional web ACL: managed rule groups, then a per-IP rate limit, everything else allowed', () => {
    expect(json).toMatchSnapshot();
    expect(acl).toMatchObject({ name: 'platform-prod-alb', scope: 'REGIONAL', default_action: { allow: {} } });
    expect(rules.map((r: any) => r.Name)).toEqual([...MANAGED_RULE_GROUPS, 'rate-limit-per-ip']);
    expect(rules.map((r: any) => r.Priority)).toEqual([0, 1, 2, 3]);
    expect(MANAGED_RULE_GROUPS).toEqual(expect.arrayContaining(['AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet']));
    for (const rule of rules.slice(0, 3)) {
      expect(rule.Statement.ManagedRuleGroupStatement.VendorName).toBe('AWS');
      // The groups' own actions apply (block), not a count-only override.
      expect(rule.OverrideAction).toEqual({ None: {} });
    }
    expect(rules[3]).toMatchObject({ Statement: { RateBasedStatement: { Limit: 2000, EvaluationWindowSec: 300, AggregateKeyType: 'IP' } }, Action: { Block: {} } });
    for (const rule of rules) expect(rule.VisibilityConfig).toMatchObject({ CloudWatchMetricsEnabled: true, SampledRequestsEnabled: true });
  });

  test('logs every request to an encrypted log group WAF accepts, credentials redacted', () => {
    const group = only(json, 'aws_cloudwatch_log_group');
    expect(group).toMatchObject({ name: 'aws-waf-logs-platform-prod-alb', retention_in_days: 90 });
    expect(group.kms_key_id).toMatch(/^\$\{aws_kms_key\./);
    const logging = only(json, 'aws_wafv2_web_acl_logging_configuration');
    expect(logging.resource_arn).toMatch(/^\$\{aws_wafv2_web_acl\.[\w-]+\.arn\}$/);
    expect(logging.log_destination_configs).toEqual([expect.stringMatching(/^\$\{aws_cloudwatch_log_group\.[\w-]+\.arn\}$/)]);
    expect(logging.redacted_fields).toEqual([{ single_header: { name: 'authorization' } }, { single_header: { name: 'cookie' } }]);
  });

  test('fails when the rate limit is below what WAF accepts', () => {
    expect(() => synthScope((scope) => new WebAcl(scope, 'waf', { name: 'x', requestsPerIpPer5Minutes: 5, logKey: logKey(scope) }))).toThrow(
      'WebAcl waf: requestsPerIpPer5Minutes = 5: must be an integer from 10 to 2000000000',
    );
  });

  test('fails when the name is not a WAF name', () => {
    expect(() => synthScope((scope) => new WebAcl(scope, 'waf', { name: 'prod alb', logKey: logKey(scope) }))).toThrow('WebAcl waf: name = prod alb: must be 1-128 letters, digits, _ or -');
  });
});

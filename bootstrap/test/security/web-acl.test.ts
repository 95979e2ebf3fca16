import { MANAGED_RULE_GROUPS, WebAcl } from '../../src/security/web-acl';
import { EncryptionKey } from '../../src/security/encryption-key';
import { location, only, synthScope } from '../util';
import type { Construct } from 'constructs';

const logKey = (scope: Construct) => new EncryptionKey(scope, 'logs', { location, alias: 'logs', description: 'logs', allowCloudWatchLogs: true });

describe('WebAcl', () => {
  const json = synthScope((scope) => new WebAcl(scope, 'waf', { name: 'platform-prod-alb', logKey: logKey(scope) }));
  const acl = only(json, 'aws_wafv2_web_acl');
  const rules: any[] = acl.rule;

  test('a regional web ACL: managed rule groups, then a per-IP rate limit, everything else allowed', () => {
    expect(json).toMatchSnapshot();
    expect(acl).toMatchObject({ name: 'platform-prod-alb', scope: 'REGIONAL', default_action: { allow: {} } });
    expect(rules.map((r: any) => r.name)).toEqual([...MANAGED_RULE_GROUPS, 'rate-limit-per-ip']);
    expect(rules.map((r: any) => r.priority)).toEqual([0, 1, 2, 3]);
    expect(MANAGED_RULE_GROUPS).toEqual(expect.arrayContaining(['AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet']));
    for (const rule of rules.slice(0, 3)) {
      expect(rule.statement.managed_rule_group_statement).toEqual({ vendor_name: 'AWS', name: rule.name });
      // The groups' own actions apply (block), not a count-only override.
      expect(rule.override_action).toEqual({ none: {} });
    }
    expect(rules[3]).toMatchObject({ statement: { rate_based_statement: { limit: 2000, evaluation_window_sec: 300, aggregate_key_type: 'IP' } }, action: { block: {} } });
    for (const rule of rules) expect(rule.visibility_config).toMatchObject({ cloudwatch_metrics_enabled: true, sampled_requests_enabled: true });
  });

  test('logs every request to an encrypted log group WAF accepts, credentials redacted', () => {
    const group = only(json, 'aws_cloudwatch_log_group');
    expect(group).toMatchObject({ name: 'aws-waf-logs-platform-prod-alb', retention_in_days: 365 });
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

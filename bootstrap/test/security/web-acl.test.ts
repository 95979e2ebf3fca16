import { MANAGED_RULE_GROUPS, WebAcl } from '../../src/security/web-acl';
import { only, synthScope } from '../util';

describe('WebAcl', () => {
  const json = synthScope((scope) => new WebAcl(scope, 'waf', { name: 'platform-prod-alb' }));
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

  test('fails when the rate limit is below what WAF accepts', () => {
    expect(() => synthScope((scope) => new WebAcl(scope, 'waf', { name: 'x', requestsPerIpPer5Minutes: 5 }))).toThrow(
      'WebAcl waf: requestsPerIpPer5Minutes = 5: must be an integer from 10 to 2000000000',
    );
  });

  test('fails when the name is not a WAF name', () => {
    expect(() => synthScope((scope) => new WebAcl(scope, 'waf', { name: 'prod alb' }))).toThrow('WebAcl waf: name = prod alb: must be 1-128 letters, digits, _ or -');
  });
});

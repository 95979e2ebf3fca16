import { assertRule, cidrRule, cronRule, dnsLabelRule, durationRule, durationSeconds, integerRule, portRule, positiveIntegerRule, registryHostRule } from '../../../lib/config/checks';
import { CRON_HELP } from '../../../lib/schedule';

describe('shared value rules', () => {
  test('accept what they allow', () => {
    expect([dnsLabelRule('api-1'), integerRule(0, 0), integerRule(-3), integerRule(5, 1, 5), positiveIntegerRule(1), portRule(65535), durationRule('1h30m'), cronRule('0 7 * * 1-5'), cidrRule('10.0.0.0/16'), registryHostRule('registry.example.com:5000')]).toEqual(Array(10).fill(undefined));
    expect(durationSeconds('1h30m5s')).toBe(5405);
  });

  test.each([
    ['a DNS label has upper case', dnsLabelRule('Api'), 'must be a DNS label: lower-case letters, digits and -, starting and ending alphanumeric'],
    ['a DNS label is too long', dnsLabelRule('a'.repeat(64)), 'must be at most 63 characters (is 64)'],
    ['a DNS label is longer than its own limit', dnsLabelRule('a'.repeat(54), 53), 'must be at most 53 characters (is 54)'],
    ['an integer is fractional', integerRule(1.5), 'must be an integer'],
    ['an integer is below its minimum', integerRule(-1, 0), 'must be an integer >= 0'],
    ['an integer is above its maximum', integerRule(11, undefined, 10), 'must be an integer <= 10'],
    ['an integer is outside its range', integerRule(101, 1, 100), 'must be an integer from 1 to 100'],
    ['an integer is a string', integerRule('3', 1, 100), 'must be an integer from 1 to 100'],
    ['a positive integer is zero', positiveIntegerRule(0), 'must be a positive integer'],
    ['a port is zero', portRule(0), 'must be a port from 1 to 65535'],
    ['a port is too high', portRule(65536), 'must be a port from 1 to 65535'],
    ['a duration has days', durationRule('2d'), 'must be a duration such as 30s, 5m or 720h'],
    ['a duration is a number', durationRule(30), 'must be a duration such as 30s, 5m or 720h'],
    ['a cron has an out-of-range hour', cronRule('0 24 * * *'), `hour field '24': 24 is out of range (hour is 0-23); expected ${CRON_HELP}`],
    ['a cron is not a string', cronRule(7), `must be a cron expression; expected ${CRON_HELP}`],
    ['a CIDR has host bits set', cidrRule('10.0.0.1/16'), 'must be an IPv4 CIDR with no host bits set, e.g. 10.0.0.0/16'],
    ['a registry host has a scheme', registryHostRule('https://public.ecr.aws'), 'must be a registry host without scheme or path, e.g. public.ecr.aws'],
    ['a CIDR has no prefix', cidrRule('10.0.0.0', '203.0.113.0/24'), 'must be an IPv4 CIDR with no host bits set, e.g. 203.0.113.0/24'],
  ])('fails when %s', (_what, problem, message) => {
    expect(problem).toBe(message);
  });

  test('assertRule names the owner, the field and the value (strings quoted)', () => {
    expect(() => assertRule('NodePool spot', 'weight', 0, integerRule(0, 1, 100))).toThrow('NodePool spot: weight = 0: must be an integer from 1 to 100');
    expect(() => assertRule('NodePool spot', 'name', 'Spot', dnsLabelRule('Spot'))).toThrow('NodePool spot: name = "Spot": must be a DNS label');
    expect(() => assertRule('NodePool spot', 'weight', 5, integerRule(5, 1, 100))).not.toThrow();
  });
});

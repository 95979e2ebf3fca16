import { Duration } from 'cdk8s';
import { renderDisruptionBudget } from '../../../lib/capacity/disruption-budget';
import { cronTrigger } from '../../../lib/workloads/autoscaling';
import { assertRule, cronRule } from '../../../lib/config/checks';
import { CRON_HELP, parseCron } from '../../../lib/schedule';
import { envWith, violationsOf } from '../../util';

const errorOf = (text: string) => {
  const parsed = parseCron(text);
  return 'error' in parsed ? parsed.error : undefined;
};

describe('parseCron', () => {
  test.each([
    '0 8 * * 1-5',
    '*/15 * * * *',
    '0 0 1 jan,jul *',
    '0 9 * * MON-FRI',
    '5/10 * ? * *',
    '0 8-18/2 * * sun',
    '0 0 29 2 *',
    '@daily',
    '30 7 1,15 * ?',
  ])('accepts %s', (text) => expect(errorOf(text)).toBeUndefined());

  test('expands ranges, steps, lists and names', () => {
    expect(parseCron('0 8-18/5 * JAN,mar-apr 1-5')).toEqual({
      schedule: expect.objectContaining({ hour: [8, 13, 18], month: [1, 3, 4], 'day of week': [1, 2, 3, 4, 5] }),
    });
  });

  const failures: [string, string, string][] = [
    ['an en dash stands in for the hyphen', '0 8 * * 1\u20135', "contains '\u2013' (U+2013), a look-alike of '-': type the ASCII '-'"],
    ['an em dash stands in for the hyphen', '0 8 * * 1\u20145', "contains '\u2014' (U+2014), a look-alike of '-'"],
    ['a non-breaking space separates fields', '0\u00a08 * * *', "contains '\u00a0' (U+00A0), a look-alike of ' '"],
    ['the hour is 24', '0 24 * * *', "hour field '24': 24 is out of range (hour is 0-23)"],
    ['the minute is 60', '60 * * * *', "minute field '60': 60 is out of range (minute is 0-59)"],
    ['the day of month is 0', '0 0 0 * *', "day of month field '0': 0 is out of range (day of month is 1-31)"],
    ['the month is 13', '0 0 1 13 *', "month field '13': 13 is out of range (month is 1-12 or JAN-DEC)"],
    ['the weekday is 7', '0 0 * * 7', "day of week field '7': 7 is out of range (day of week is 0-6 or SUN-SAT)"],
    ['a weekday name is misspelled', '0 8 * * MON-FRY', "day of week field 'MON-FRY': 'FRY' is not a day of week (0-6 or SUN-SAT)"],
    ['a range runs backwards', '0 18-8 * * *', "hour field '18-8': range 18-8 runs backwards (18 > 8)"],
    ['a step is zero', '*/0 * * * *', "minute field '*/0': step '0' must be a positive whole number"],
    ['a step exceeds the range', '0 */25 * * *', "hour field '*/25': step 25 is larger than the hour range 0-23"],
    ['a field is missing', '0 8 * *', 'has 4 fields; needs exactly 5'],
    ['a seconds field is added', '0 0 8 * * *', 'has 6 fields; needs exactly 5'],
    ['a list item is empty', '0 8,,9 * * *', "hour field '8,,9' has an empty list item"],
    ['? is used outside the day fields', '? 8 * * *', "minute field '?': '?' is allowed only in the day-of-month and day-of-week fields"],
    ['the day never comes', '0 0 30 2 *', "never runs: no month in '2' has day 30"],
    ['a descriptor is unknown', '@fortnightly', '@fortnightly is not a descriptor'],
    ['a TZ prefix is used', 'TZ=Europe/Dublin 0 8 * * *', 'must not carry a TZ= prefix'],
  ];
  test.each(failures)('fails when %s', (_, text, message) => {
    expect(errorOf(text)).toContain(message);
    expect(cronRule(text)).toBe(`${errorOf(text)}; expected ${CRON_HELP}`);
  });

  test('a construct names the owner, the field, the value and what is allowed', () => {
    expect(() => assertRule('NodePool spot', 'schedule', '0 24 * * *', cronRule('0 24 * * *'))).toThrow(
      `NodePool spot: schedule = "0 24 * * *": hour field '24': 24 is out of range (hour is 0-23); expected ${CRON_HELP}`,
    );
  });
});

describe('cron fields of the configuration', () => {
  test('fails when the Karpenter freeze schedule has an out-of-range hour', () => {
    expect(violationsOf(envWith('prod', { capacity: { disruption: { freezeSchedule: '0 25 * * 1-5' } } }))).toEqual([
      `prod: capacity.disruption.freezeSchedule = "0 25 * * 1-5": hour field '25': 25 is out of range (hour is 0-23); expected ${CRON_HELP}`,
    ]);
  });

  test('fails when the chaos CronJob schedule uses an en dash', () => {
    expect(violationsOf(envWith('staging', { chaos: { schedule: '0 10 * * 1\u20135' } }))).toEqual([
      `staging: chaos.schedule = "0 10 * * 1\u20135": contains '\u2013' (U+2013), a look-alike of '-': type the ASCII '-'; expected ${CRON_HELP}`,
    ]);
  });

  test('fails when a KEDA cron trigger has a bad weekday name', () => {
    expect(violationsOf(envWith('dev', { demoApp: { officeHours: { end: '0 20 * * MON-FRY' } } }))).toEqual([
      `dev: demoApp.officeHours.end = "0 20 * * MON-FRY": day of week field 'MON-FRY': 'FRY' is not a day of week (0-6 or SUN-SAT); expected ${CRON_HELP}`,
    ]);
  });

  test('the constructs refuse what the configuration refuses', () => {
    // Karpenter budgets, the drill CronJob and the KEDA trigger share the parser.
    expect(() => renderDisruptionBudget('NodePool spot: budgets[1]', { nodes: '0', schedule: '0 8 * * 1\u20135', duration: Duration.hours(10) })).toThrow(
      "NodePool spot: budgets[1]: schedule = \"0 8 * * 1\u20135\": contains '\u2013'",
    );
    expect(() => cronTrigger('WebService api', { timezone: 'UTC', start: '0 7 * * *', end: '0 24 * * *' }, 1)).toThrow(
      "WebService api: end = \"0 24 * * *\": hour field '24': 24 is out of range",
    );
  });
});

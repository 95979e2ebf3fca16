import { assertTimeZone, isIanaTimeZone, TIME_ZONE_HELP } from '../../../lib/schedule';
import { envWith, violationsOf } from '../../util';

describe('isIanaTimeZone', () => {
  test.each(['Europe/Dublin', 'America/New_York', 'Asia/Kolkata', 'UTC', 'Etc/UTC', 'Asia/Calcutta', 'US/Pacific'])('accepts %s', (zone) => {
    expect(isIanaTimeZone(zone)).toBe(true);
  });

  test.each(['Europe/Dublni', 'Mars/Olympus_Mons', 'europe/dublin', 'CET+1', 'GMT+1', '+01:00', 'Dublin', ' Europe/Dublin', ''])('fails when the zone is %j', (zone) => {
    expect(isIanaTimeZone(zone)).toBe(false);
  });

  test('assertTimeZone names owner, field, value and the rule, with a suggestion for a wrongly-cased name', () => {
    expect(() => assertTimeZone('WebService api', 'timezone', 'europe/dublin')).toThrow(
      `WebService api: timezone = "europe/dublin": must be ${TIME_ZONE_HELP} (did you mean Europe/Dublin?)`,
    );
  });

  test('fails when the office-hours time zone is not in the tz database', () => {
    expect(violationsOf(envWith('dev', { demoApp: { officeHours: { timezone: 'Europe/Dublni' } } }))).toEqual([
      `dev: demoApp.officeHours.timezone = "Europe/Dublni": must be ${TIME_ZONE_HELP}`,
    ]);
  });
});

import { Duration } from 'cdk8s';
import { formatGoDuration, parseGoDuration } from '../../../lib/capacity';

describe('Go durations', () => {
  test.each([['720h', 720 * 3600], ['1h30m', 5400], ['30s', 30], ['5m', 300]])('parses %s', (text, seconds) => {
    expect(parseGoDuration(text).toSeconds()).toBe(seconds);
  });

  test.each([[Duration.hours(720), '720h'], [Duration.minutes(90), '1h30m'], [Duration.seconds(30), '30s'], [Duration.seconds(0), '0s']])('formats %s', (duration, text) => {
    expect(formatGoDuration(duration)).toBe(text);
  });

  test('fails when the text is not a duration', () => {
    expect(() => parseGoDuration('2 days')).toThrow('duration "2 days": must be whole hours, minutes or seconds');
  });
});

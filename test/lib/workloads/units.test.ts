import { Duration, Size } from 'cdk8s';
import { checkImage, formatDuration, parseDuration, sizeQuantity } from '../../../lib/workloads';

describe('units', () => {
  test('durations round-trip in their shortest Go form', () => {
    expect(parseDuration('1h30m').toSeconds()).toBe(5400);
    expect(['30s', '90s', '2m', '10m', '1h'].map((d) => formatDuration(parseDuration(d)))).toEqual(['30s', '90s', '2m', '10m', '1h']);
    expect(formatDuration(Duration.seconds(120))).toBe('2m');
  });

  test('fails when a duration is malformed', () => {
    expect(() => parseDuration('2 minutes')).toThrow('"2 minutes" is not a duration such as 30s, 5m or 1h30m');
    expect(() => parseDuration('')).toThrow('is not a duration');
  });

  test('sizes render as Gi when whole, else Mi', () => {
    expect(sizeQuantity(Size.gibibytes(20)).value).toBe('20Gi');
    expect(sizeQuantity(Size.mebibytes(384)).value).toBe('384Mi');
  });

  test('images need a registry and a pinned tag or digest', () => {
    expect(() => checkImage('X', '111111111111.dkr.ecr.eu-west-1.amazonaws.com/demo/api:1.4.2')).not.toThrow();
    expect(() => checkImage('X', `111111111111.dkr.ecr.eu-west-1.amazonaws.com/demo/api@sha256:${'a'.repeat(64)}`)).not.toThrow();
    expect(() => checkImage('X', 'registry.example.com/demo/api')).toThrow('X: image = registry.example.com/demo/api: must be <registry>/<repository>:<tag>');
  });
});

import { cronTriggerOf, shiftedCronWindow, triggersForRehearsal, wallClock } from '../../lib/rehearsal/scenarios/cron-window';

const at = (iso: string) => new Date(iso);

describe('cron window on the rehearsal clock', () => {
  test('opens at the first whole minute after the lead, closes after its length, in UTC', () => {
    const w = shiftedCronWindow(at('2026-12-04T18:10:40Z'), 'Etc/UTC', 15, 1);
    expect(w).toEqual({ start: '11 18 * * *', end: '12 18 * * *', opensAt: at('2026-12-04T18:11:00Z'), closesAt: at('2026-12-04T18:12:00Z') });
    expect(shiftedCronWindow(at('2026-12-04T18:10:50Z'), 'Etc/UTC', 15, 1).opensAt).toEqual(at('2026-12-04T18:12:00Z'));
  });

  test("cron fields are on the trigger's own wall clock (time zone and summer time)", () => {
    expect(shiftedCronWindow(at('2026-07-01T06:59:30Z'), 'Europe/Dublin', 15, 2)).toMatchObject({ start: '0 8 * * *', end: '2 8 * * *' });
    expect(shiftedCronWindow(at('2026-12-04T23:59:00Z'), 'Asia/Kolkata', 30, 1)).toMatchObject({ start: '30 5 * * *', end: '31 5 * * *' });
    expect(wallClock(at('2026-12-04T23:59:00Z'), 'America/New_York')).toEqual({ hour: 18, minute: 59 });
  });

  test('a window across midnight wraps the hour', () => {
    expect(shiftedCronWindow(at('2026-12-04T23:59:10Z'), 'Etc/UTC', 0, 1)).toMatchObject({ start: '0 0 * * *', end: '1 0 * * *' });
  });

  test('fails when the time zone is unknown', () => {
    expect(() => shiftedCronWindow(at('2026-12-04T18:10:40Z'), 'Mars/Olympus', 15, 1)).toThrow('timezone "Mars/Olympus": not an IANA time zone the rehearsal knows');
  });

  test('fails when the lead is negative', () => {
    expect(() => shiftedCronWindow(at('2026-12-04T18:10:40Z'), 'Etc/UTC', -1, 1)).toThrow('leadSeconds -1: must be a number of seconds >= 0');
  });

  test('fails when the length is not a whole number of minutes within a day', () => {
    expect(() => shiftedCronWindow(at('2026-12-04T18:10:40Z'), 'Etc/UTC', 15, 0.5)).toThrow('lengthMinutes 0.5: must be a whole number of minutes from 1 to 1439 (a daily window)');
    expect(() => shiftedCronWindow(at('2026-12-04T18:10:40Z'), 'Etc/UTC', 15, 1440)).toThrow('lengthMinutes 1440');
  });
});

describe('ScaledObject triggers for the rehearsal', () => {
  const so = {
    metadata: { namespace: 'apps', name: 'api' },
    spec: {
      triggers: [
        { type: 'cron', name: 'cron', metadata: { timezone: 'Europe/Dublin', start: '0 7 * * 1-5', end: '0 20 * * 1-5', desiredReplicas: '1' } },
        { type: 'prometheus', name: 'request-rate', metadata: { serverAddress: 'http://prometheus:9090', query: 'q', threshold: '50' } },
        { type: 'aws-sqs-queue', name: 'sqs-queue', metadata: { queueURL: 'https://sqs' } },
      ],
    },
  };

  test('the cron trigger runs on the window, Prometheus on the stand-in, AWS triggers are left out', () => {
    const window = shiftedCronWindow(at('2026-12-04T18:10:40Z'), 'Europe/Dublin', 15, 1);
    const { triggers, leftOut } = triggersForRehearsal(so, window, 'http://127.0.0.1:9');
    expect(triggers).toEqual([
      { type: 'cron', name: 'cron', metadata: { timezone: 'Europe/Dublin', start: '11 18 * * *', end: '12 18 * * *', desiredReplicas: '1' } },
      { type: 'prometheus', name: 'request-rate', metadata: { serverAddress: 'http://127.0.0.1:9', query: 'q', threshold: '50' } },
    ]);
    expect(leftOut.map((t) => t.type)).toEqual(['aws-sqs-queue']);
  });

  test('desiredReplicas can be raised so the HPA has to scale out', () => {
    const window = shiftedCronWindow(at('2026-12-04T18:10:40Z'), 'Europe/Dublin', 15, 1);
    expect(triggersForRehearsal(so, window, 'http://127.0.0.1:9', 2).triggers[0].metadata).toMatchObject({ desiredReplicas: '2' });
  });

  test('fails when desiredReplicas is not a whole number of at least one', () => {
    const window = shiftedCronWindow(at('2026-12-04T18:10:40Z'), 'Europe/Dublin', 15, 1);
    expect(() => triggersForRehearsal(so, window, 'http://127.0.0.1:9', 0)).toThrow('desiredReplicas 0: must be a whole number >= 1');
  });

  test('fails when the ScaledObject has no cron trigger', () => {
    const worker = { metadata: { namespace: 'apps', name: 'worker' }, spec: { triggers: [{ type: 'aws-sqs-queue' }] } };
    expect(() => cronTriggerOf(worker)).toThrow('ScaledObject apps/worker: spec.triggers has no cron trigger (types: aws-sqs-queue): nothing scales it on a clock');
  });
});

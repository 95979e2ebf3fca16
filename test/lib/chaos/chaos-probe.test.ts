import { Duration } from 'cdk8s';
import { httpProbe, promProbe } from '../../../lib/chaos';
import { PROMETHEUS } from './fixtures';

const HTTP = { name: 'api-healthy', url: 'http://api.apps.svc.cluster.local:80/healthz' };
const PROM = { name: 'api-error-ratio', endpoint: PROMETHEUS, query: 'vector(0)', criteria: '<=' as const, value: 0.05 };

describe('httpProbe', () => {
  test('GETs the URL continuously and expects 200, with Litmus 3.x string durations', () => {
    expect(httpProbe(HTTP)).toEqual({
      name: 'api-healthy',
      type: 'httpProbe',
      mode: 'Continuous',
      httpProbeInputs: { url: HTTP.url, insecureSkipVerify: false, method: { get: { criteria: '==', responseCode: '200' } } },
      runProperties: { probeTimeout: '5s', interval: '2s', attempt: 3, probePollingInterval: '2s', initialDelay: undefined, stopOnFailure: false },
    });
  });

  test('timing options become runProperties', () => {
    const probe = httpProbe({ ...HTTP, timeout: Duration.seconds(10), interval: Duration.seconds(90), attempts: 1, pollingInterval: Duration.seconds(5), initialDelay: Duration.seconds(30), responseCode: 204 });
    expect(probe.runProperties).toMatchObject({ probeTimeout: '10s', interval: '90s', attempt: 1, probePollingInterval: '5s', initialDelay: '30s' });
    expect(probe.httpProbeInputs!.method.get!.responseCode).toBe('204');
  });

  test('fails when the URL is not http(s)', () => {
    expect(() => httpProbe({ ...HTTP, url: 'api.apps.svc/healthz' })).toThrow('httpProbe api-healthy: url = "api.apps.svc/healthz": must be an http(s) URL');
  });

  test('fails when the response code is not an HTTP status', () => {
    expect(() => httpProbe({ ...HTTP, responseCode: 42 })).toThrow('httpProbe api-healthy: responseCode = 42: must be an HTTP status code (100-599)');
  });

  test('fails when the name is not a DNS label', () => {
    expect(() => httpProbe({ ...HTTP, name: 'API Healthy' })).toThrow('httpProbe API Healthy: name = "API Healthy": must be a DNS label (lower-case letters, digits and -)');
  });

  test('fails when attempts is not a positive integer', () => {
    expect(() => httpProbe({ ...HTTP, attempts: 0 })).toThrow('httpProbe api-healthy: attempts = 0: must be a positive integer');
  });

  test('fails when a duration is below one second', () => {
    expect(() => httpProbe({ ...HTTP, timeout: Duration.millis(500) })).toThrow('httpProbe api-healthy: timeout = 500 millis: must be a whole number of seconds, at least 1');
  });

  test('fails when a polling interval is given to a probe that does not poll', () => {
    expect(() => httpProbe({ ...HTTP, mode: 'Edge', pollingInterval: Duration.seconds(2) })).toThrow(
      'httpProbe api-healthy: pollingInterval is set but mode = Edge: only Continuous and OnChaos probes poll; drop it or change the mode',
    );
  });
});

describe('promProbe', () => {
  test('compares the query result, before and after the chaos by default', () => {
    const probe = promProbe(PROM);
    expect(probe).toMatchObject({ type: 'promProbe', mode: 'Edge', promProbeInputs: { endpoint: PROMETHEUS, query: 'vector(0)', comparator: { criteria: '<=', value: '0.05' } } });
    expect(probe.runProperties.probePollingInterval).toBeUndefined();
  });

  test('fails when the endpoint is not a URL', () => {
    expect(() => promProbe({ ...PROM, endpoint: 'prometheus:9090' })).toThrow('promProbe api-error-ratio: endpoint = "prometheus:9090": must be the http(s) URL of Prometheus');
  });

  test('fails when the query is empty', () => {
    expect(() => promProbe({ ...PROM, query: ' ' })).toThrow('promProbe api-error-ratio: query is empty: give the PromQL whose sample decides the probe');
  });

  test('fails when the value is not finite', () => {
    expect(() => promProbe({ ...PROM, value: Number.NaN })).toThrow('promProbe api-error-ratio: value = NaN: must be a finite number');
  });
});

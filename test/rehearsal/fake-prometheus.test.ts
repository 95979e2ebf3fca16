import { answerProblem, FakePrometheus, prometheusBody } from '../../lib/rehearsal/fake-prometheus';

describe('Prometheus stand-in answers', () => {
  test('an instant query answers one sample at the requested time', () => {
    expect(prometheusBody('/api/v1/query', 0.998, new URLSearchParams({ time: '1700000000' }), 1)).toEqual({
      status: 'success',
      data: { resultType: 'vector', result: [{ metric: {}, value: [1700000000, '0.998'] }] },
    });
  });

  test('no data is an empty vector; NaN is written as Prometheus writes it', () => {
    expect(prometheusBody('/api/v1/query', 'no data', new URLSearchParams(), 5)).toEqual({ status: 'success', data: { resultType: 'vector', result: [] } });
    expect((prometheusBody('/api/v1/query', NaN, new URLSearchParams(), 5) as any).data.result[0].value).toEqual([5, 'NaN']);
  });

  test('a range query answers the value at every step', () => {
    const body = prometheusBody('/api/v1/query_range', 3, new URLSearchParams({ start: '100', end: '160', step: '30' }), 0) as any;
    expect(body.data.resultType).toBe('matrix');
    expect(body.data.result[0].values).toEqual([[100, '3'], [130, '3'], [160, '3']]);
  });

  test('fails when an answer is neither a number nor no data', () => {
    expect(answerProblem('0.5')).toBe(`answer "0.5": must be a number or 'no data'`);
    expect(() => prometheusBody('/api/v1/query', '0.5' as any, new URLSearchParams(), 0)).toThrow(`answer "0.5": must be a number or 'no data'`);
  });

  test('fails when an answer is infinite', () => {
    expect(answerProblem(Infinity)).toBe('answer Infinity: must be finite (or NaN)');
  });

  test('serves GET and form-encoded POST on 127.0.0.1 and refuses a query it does not expect', async () => {
    const prometheus = await FakePrometheus.start((q) => (q === 'up' ? 1 : undefined));
    try {
      expect(prometheus.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const get: any = await (await fetch(`${prometheus.url}/api/v1/query?query=up&time=10`)).json();
      expect(get.data.result[0].value).toEqual([10, '1']);
      const post = await fetch(`${prometheus.url}/api/v1/query`, { method: 'POST', body: new URLSearchParams({ query: 'up', time: '20' }) });
      expect(((await post.json()) as any).data.result[0].value).toEqual([20, '1']);
      const other = await fetch(`${prometheus.url}/api/v1/query?query=down`);
      expect(other.status).toBe(400);
      expect(((await other.json()) as any).error).toBe('query not expected by the rehearsal scenario: down');
      expect(prometheus.received.map((r) => r.answer)).toEqual([1, 1, 'not expected']);
      prometheus.answer(() => 'no data');
      expect(((await (await fetch(`${prometheus.url}/api/v1/query?query=up`)).json()) as any).data.result).toEqual([]);
    } finally {
      await prometheus.stop();
    }
  });
});

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

/**
 * What the stand-in answers for one query: a number (one sample, `NaN` allowed: Prometheus returns
 * it for 0/0), or `'no data'` (an empty vector, what a query over no samples returns).
 */
export type PrometheusAnswer = number | 'no data';

/** Answers a PromQL query text, or undefined when the query is not one the caller expects. */
export type PrometheusAnswers = (query: string) => PrometheusAnswer | undefined;

/** One query the stand-in received, with what it answered. */
export interface ReceivedQuery {
  readonly path: string;
  readonly query: string;
  readonly answer: PrometheusAnswer | 'not expected';
}

/** Why an answer cannot be served, or undefined when it can. */
export function answerProblem(answer: unknown): string | undefined {
  if (answer === 'no data') return undefined;
  if (typeof answer !== 'number') return `answer ${JSON.stringify(answer)}: must be a number or 'no data'`;
  if (answer === Infinity || answer === -Infinity) return `answer ${answer}: must be finite (or NaN)`;
  return undefined;
}

/** A sample value as Prometheus' JSON API writes it. */
function sampleValue(value: number): string {
  return Number.isNaN(value) ? 'NaN' : String(value);
}

/**
 * The body of Prometheus' HTTP API for `/api/v1/query` (an instant vector) or `/api/v1/query_range`
 * (a matrix with the value at every step from `start` to `end`) holding `answer`, at time `at`
 * (seconds since the epoch).
 */
export function prometheusBody(path: string, answer: PrometheusAnswer, params: URLSearchParams, at: number): object {
  const problem = answerProblem(answer);
  if (problem) throw new Error(problem);
  if (path === '/api/v1/query_range') {
    const start = Number(params.get('start') ?? at);
    const end = Number(params.get('end') ?? at);
    const step = Math.max(Number(params.get('step') ?? 60) || 60, 1);
    const values: [number, string][] = [];
    if (answer !== 'no data') for (let t = start; t <= end && values.length < 11_000; t += step) values.push([t, sampleValue(answer)]);
    return { status: 'success', data: { resultType: 'matrix', result: answer === 'no data' ? [] : [{ metric: {}, values }] } };
  }
  return { status: 'success', data: { resultType: 'vector', result: answer === 'no data' ? [] : [{ metric: {}, value: [Number(params.get('time') ?? at), sampleValue(answer)] }] } };
}

/**
 * A Prometheus-compatible query endpoint on 127.0.0.1 for the rehearsal: `/api/v1/query` and
 * `/api/v1/query_range` (GET or form-encoded POST, as Prometheus' Go client sends them) answer what
 * `answers` says for the query text, so the platform's real queries (canary analysis, KEDA triggers)
 * run against values a scenario chooses. A query `answers` does not expect gets Prometheus' error
 * shape (`bad_data`, HTTP 400) and is kept in `received`, so a scenario can name it.
 */
export class FakePrometheus {
  readonly received: ReceivedQuery[] = [];

  private constructor(private readonly server: Server, readonly url: string, private answers: PrometheusAnswers) {}

  static async start(answers: PrometheusAnswers): Promise<FakePrometheus> {
    let self: FakePrometheus | undefined;
    const server = createServer((req, res) => void self?.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    self = new FakePrometheus(server, `http://127.0.0.1:${port}`, answers);
    return self;
  }

  /** Answers from now on. */
  answer(answers: PrometheusAnswers): void {
    this.answers = answers;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    const params = new URLSearchParams(url.search);
    if (req.method === 'POST') {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      for (const [k, v] of new URLSearchParams(Buffer.concat(chunks).toString('utf8'))) params.append(k, v);
    }
    const send = (status: number, body: object) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname !== '/api/v1/query' && url.pathname !== '/api/v1/query_range') {
      send(404, { status: 'error', errorType: 'not_found', error: `${url.pathname} is not served by the rehearsal's Prometheus stand-in` });
      return;
    }
    const query = params.get('query') ?? '';
    const answer = this.answers(query);
    this.received.push({ path: url.pathname, query, answer: answer ?? 'not expected' });
    if (answer === undefined) {
      send(400, { status: 'error', errorType: 'bad_data', error: `query not expected by the rehearsal scenario: ${query}` });
      return;
    }
    send(200, prometheusBody(url.pathname, answer, params, Date.now() / 1000));
  }
}

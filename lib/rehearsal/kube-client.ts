import { request } from 'node:https';

export interface KubeResponse {
  readonly status: number;
  readonly body: any;
  /** `Warning` headers (e.g. PodSecurity "would violate" on a workload in a warn/audit namespace). */
  readonly warnings: readonly string[];
}

/** A minimal Kubernetes REST client: bearer token over TLS with the cluster's CA. */
export class KubeClient {
  constructor(
    readonly server: string,
    private readonly token: string,
    private readonly ca: string,
  ) {}

  call(method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<KubeResponse> {
    const url = new URL(path, this.server);
    const payload = body === undefined ? undefined : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = request(url, {
        method,
        ca: this.ca,
        headers: { authorization: `Bearer ${this.token}`, accept: 'application/json', ...(payload !== undefined ? { 'content-type': contentType } : {}) },
        timeout: 30_000,
      }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = text;
          try { parsed = text ? JSON.parse(text) : undefined; } catch { /* plain text, e.g. /readyz */ }
          const header = res.headers.warning;
          const warnings = (Array.isArray(header) ? header : header ? [header] : []).map((w) => w.replace(/^299 - "?|"$/g, ''));
          resolve({ status: res.statusCode ?? 0, body: parsed, warnings });
        });
      });
      req.on('timeout', () => req.destroy(new Error(`${method} ${path}: timed out`)));
      req.on('error', reject);
      if (payload !== undefined) req.write(payload);
      req.end();
    });
  }

  /** The object at `path`, or undefined when it does not exist. */
  async get(path: string): Promise<any> {
    const res = await this.call('GET', path);
    if (res.status === 404) return undefined;
    if (res.status >= 300) throw new Error(`GET ${path}: ${res.status} ${messageOf(res.body)}`);
    return res.body;
  }

  async list(path: string): Promise<any[]> {
    const body = await this.get(path);
    return (body?.items ?? []) as any[];
  }

  async create(path: string, object: unknown): Promise<any> {
    const res = await this.call('POST', path, object);
    if (res.status >= 300 && res.status !== 409) throw new Error(`POST ${path}: ${res.status} ${messageOf(res.body)}`);
    return res.body;
  }

  async mergePatch(path: string, patch: unknown): Promise<any> {
    const res = await this.call('PATCH', path, patch, 'application/merge-patch+json');
    if (res.status >= 300) throw new Error(`PATCH ${path}: ${res.status} ${messageOf(res.body)}`);
    return res.body;
  }
}

/** The message of a Kubernetes Status body (or the text). */
export function messageOf(body: unknown): string {
  if (body && typeof body === 'object' && 'message' in body) return String((body as { message: unknown }).message);
  return String(body ?? '').slice(0, 500);
}

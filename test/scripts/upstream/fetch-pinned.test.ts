import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { listFiles } from '../../../lib/render/atomic-write';
import type { UpstreamFile } from '../../../lib/upstream/pins';
import { downloadUrl, fetchPinnedFiles } from '../../../scripts/upstream/fetch-pinned';
import { allPinnedFiles, upstreamDir, upstreamPath } from '../../../scripts/upstream/upstream-dir';
import { tempDir } from '../../util';

const ROOT = resolve(__dirname, '../../..');
const PINNED = allPinnedFiles();
const quiet = () => undefined;

/** A small valid body of the pinned file's kind. */
function bodyOf(file: UpstreamFile): string {
  if (file.file.startsWith('crds/')) {
    return `apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: ${file.file.replace(/\W/g, '-')}\n`;
  }
  return `# defaults of ${file.file}\nreplicas: 1\npodAnnotations: {}\n`;
}

/** A canned response that replaces the normal one for one path. */
type Responder = (res: import('node:http').ServerResponse) => void;

describe('fetch-upstream', () => {
  let server: Server;
  let base: string;
  let requests: string[];
  let serveReal = false;
  const overrides = new Map<string, Responder>();

  beforeAll(async () => {
    const byPath = new Map(PINNED.map((f) => [new URL(f.url).pathname, f]));
    server = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
      requests.push(path);
      const override = overrides.get(path);
      if (override) return override(res);
      const file = byPath.get(path);
      if (!file) return res.writeHead(404).end('not found');
      res.writeHead(200, { 'content-type': 'text/plain' }).end(serveReal ? readFileSync(upstreamPath(file)) : bodyOf(file));
    });
    // Loopback only: the test never leaves the machine.
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => new Promise<void>((done) => server.close(() => done())));
  beforeEach(() => {
    requests = [];
    serveReal = false;
    overrides.clear();
  });

  test('accepts the real pinned files byte for byte (the Litmus CRDs are not strict YAML)', async () => {
    serveReal = true;
    const dest = tempDir();
    const real = PINNED.filter((f) => existsSync(join(upstreamDir(), f.file)));
    expect(real.filter((f) => f.file.startsWith('crds/'))).toEqual(PINNED.filter((f) => f.file.startsWith('crds/')));
    await fetchPinnedFiles({ files: real, dest, baseUrl: base, log: quiet });
    for (const file of real) expect(readFileSync(join(dest, file.file)).equals(readFileSync(upstreamPath(file)))).toBe(true);
  }, 120_000);

  test('downloads every pinned file to its path with the served bytes and no temporary file left', async () => {
    const dest = tempDir();
    const result = await fetchPinnedFiles({ files: PINNED, dest, baseUrl: base, log: quiet });
    expect(result.downloaded).toHaveLength(PINNED.length);
    expect(listFiles(dest)).toEqual(PINNED.map((f) => f.file).sort());
    for (const file of PINNED) expect(readFileSync(join(dest, file.file), 'utf8')).toBe(bodyOf(file));
  });

  test('keeps files already present and downloads them again only with force', async () => {
    const dest = tempDir();
    const [first, ...rest] = PINNED;
    mkdirSync(dirname(join(dest, first.file)), { recursive: true });
    writeFileSync(join(dest, first.file), bodyOf(first));
    const result = await fetchPinnedFiles({ files: PINNED, dest, baseUrl: base, log: quiet });
    expect(result.present).toEqual([first.file]);
    expect(requests).toHaveLength(rest.length);
    expect(requests).not.toContain(new URL(first.url).pathname);

    requests = [];
    await fetchPinnedFiles({ files: PINNED, dest, baseUrl: base, force: true, log: quiet });
    expect(requests).toHaveLength(PINNED.length);
  });

  test('fails on a bad response and never leaves a partial or unverified file at a pinned path', async () => {
    const dest = tempDir();
    const [notFound, htmlPage, cutShort, brokenYaml] = [PINNED[0], PINNED[1], PINNED[2], PINNED[PINNED.length - 1]];
    overrides.set(new URL(notFound.url).pathname, (res) => res.writeHead(404).end());
    overrides.set(new URL(htmlPage.url).pathname, (res) => res.writeHead(200).end('<html><body>rate limited</body></html>'));
    overrides.set(new URL(cutShort.url).pathname, (res) => {
      // Announces more bytes than it sends, then drops the connection.
      res.writeHead(200, { 'content-length': '100000' });
      res.write(bodyOf(cutShort));
      setTimeout(() => res.destroy(), 20);
    });
    overrides.set(new URL(brokenYaml.url).pathname, (res) => res.writeHead(200).end('replicas: [1\n'));

    const run = fetchPinnedFiles({ files: PINNED, dest, baseUrl: base, log: quiet });
    await expect(run).rejects.toThrow('could not fetch 4 pinned file(s)');
    const message = await run.catch((e: Error) => e.message);
    expect(message).toContain(`${notFound.file} from ${base}${new URL(notFound.url).pathname}: HTTP 404`);
    expect(message).toContain(`${htmlPage.file} from`);
    expect(message).toContain('expected only CustomResourceDefinitions');
    expect(message).toContain(`${brokenYaml.file} from`);
    expect(message).toContain('not valid YAML');
    expect(message).toContain(`${cutShort.file} from`);

    const written = listFiles(dest);
    for (const bad of [notFound, htmlPage, cutShort, brokenYaml]) expect(written).not.toContain(bad.file);
    expect(written.filter((f) => f.includes('.part-'))).toEqual([]);
    expect(written).toHaveLength(PINNED.length - 4);
  });

  test('downloadUrl keeps the pinned URL unless a base URL replaces its host', () => {
    const file = PINNED[0];
    expect(downloadUrl(file)).toBe(file.url);
    expect(downloadUrl(file, 'http://127.0.0.1:8080/raw/')).toBe(`http://127.0.0.1:8080/raw${new URL(file.url).pathname}`);
  });

  describe('with UPSTREAM_DIR', () => {
    const runCli = (mirror: string) =>
      spawnSync(join(ROOT, 'node_modules', '.bin', 'tsx'), ['scripts/fetch-upstream.ts'], {
        cwd: ROOT,
        encoding: 'utf8',
        // No UPSTREAM_BASE_URL: a download attempt would be a bug, and it would fail offline.
        env: { ...process.env, UPSTREAM_DIR: mirror, UPSTREAM_BASE_URL: '' },
      });

    test('only checks the mirror and says it is complete', () => {
      const mirror = tempDir();
      for (const file of PINNED) {
        mkdirSync(dirname(join(mirror, file.file)), { recursive: true });
        writeFileSync(join(mirror, file.file), bodyOf(file));
      }
      const run = runCli(mirror);
      expect(run.stdout).toContain(`UPSTREAM_DIR=${mirror} holds all ${PINNED.length} pinned files; nothing to download`);
      expect(run.status).toBe(0);

      const values = PINNED.find((f) => f.file.startsWith('chart-values/'))!;
      rmSync(join(mirror, values.file));
      const noDefaults = runCli(mirror);
      expect(noDefaults.stdout).toContain(`lacks 1 of ${PINNED.length} pinned files:\n  ${values.file}\nthe Helm values of these charts will be reported as not checked`);
      expect(noDefaults.status).toBe(0);

      const crd = PINNED.find((f) => f.file.startsWith('crds/'))!;
      rmSync(join(mirror, crd.file));
      const noCrd = runCli(mirror);
      expect(noCrd.stderr).toContain(`lacks 2 of ${PINNED.length} pinned files:\n  ${crd.file}\n  ${values.file}`);
      expect(noCrd.status).toBe(1);
    }, 120_000);
  });
});

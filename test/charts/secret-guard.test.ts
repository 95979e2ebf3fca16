import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { secretGuard } from '../../charts/security/secret-guard';
import { listFiles } from '../../lib/render';
import { CREDENTIAL_PATTERNS } from '../../lib/security';
import { renderedDist } from '../support/built-platform';
import { env } from '../util';

describe('secret guard', () => {
  test('reports a rendered Secret with data, naming environment and file', () => {
    const files = [{ path: 'demo-app/Secret.apps.db.yaml', content: '', object: { kind: 'Secret', metadata: { name: 'db' }, data: { p: 'eA==' } } }];
    expect(secretGuard(files, env('prod'))).toEqual([
      { env: 'prod', path: 'dist/prod/demo-app/Secret.apps.db.yaml: data', value: '(redacted)', rule: 'a Secret must not carry data or stringData in git: deliver it with an ExternalSecret' },
    ]);
  });

  test('nothing in any rendered environment looks like a credential', () => {
    const out = renderedDist();
    for (const file of listFiles(out)) {
      const text = readFileSync(join(out, file), 'utf8');
      for (const { name, pattern } of CREDENTIAL_PATTERNS) expect({ file, name, found: pattern.test(text) }).toEqual({ file, name, found: false });
      expect({ file, secretWithData: /^kind: Secret$/m.test(text) && /^(data|stringData):/m.test(text) }).toEqual({ file, secretWithData: false });
    }
  });
});

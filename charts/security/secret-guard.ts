import type { OutputCheck } from '../component';
import { findSecretLeaks } from '../../lib/security';

/** Fails the render when any output file would carry a credential. */
export const secretGuard: OutputCheck = (files, env) =>
  files.flatMap((file) =>
    findSecretLeaks(file.object).map((leak) => ({ env: env.name, path: `dist/${env.name}/${file.path}: ${leak.path}`, value: '(redacted)', rule: leak.rule })),
  );

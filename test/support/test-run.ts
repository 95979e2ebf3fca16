// Global setup of a jest run: a folder for what the run's test files share
// (test/support/built-platform.ts); test/support/test-run-end.ts removes it.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): void {
  process.env.EKS_PLATFORM_TEST_RUN = mkdtempSync(join(tmpdir(), 'eks-platform-test-run-'));
}

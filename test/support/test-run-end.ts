// Global teardown of a jest run: removes the folder test/support/test-run.ts made.
import { rmSync } from 'node:fs';

export default function teardown(): void {
  if (process.env.EKS_PLATFORM_TEST_RUN) rmSync(process.env.EKS_PLATFORM_TEST_RUN, { recursive: true, force: true });
}

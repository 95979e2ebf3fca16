import { baseline } from './baseline';
import type { OutputCheck, PlatformCheck, PlatformComponent } from './component';
import { secretGuard } from './security/secret-guard';

/**
 * Which charts an environment gets, in build order. Adding a component is one line here.
 * Charts that read other charts' constructs (e.g. Argo CD reading Helm releases) come last.
 */
export const COMPONENTS: readonly PlatformComponent[] = [baseline];

/** Rules over a whole built environment, run before anything is written. */
export const PLATFORM_CHECKS: readonly PlatformCheck[] = [];

/** Rules over the rendered files of an environment, run before anything is written. */
export const OUTPUT_CHECKS: readonly OutputCheck[] = [secretGuard];

import { baseline } from './baseline';
import type { PlatformCheck, PlatformComponent } from './component';

/**
 * Which charts an environment gets, in build order. Adding a component is one line here.
 * Charts that read other charts' constructs (e.g. Argo CD reading Helm releases) come last.
 */
export const COMPONENTS: readonly PlatformComponent[] = [baseline];

/** Rules over a whole built environment, run before anything is written. */
export const PLATFORM_CHECKS: readonly PlatformCheck[] = [];

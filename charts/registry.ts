import { withArgoCd } from './argocd';
import { baseline } from './baseline';
import { controllerNamespaceCheck } from './baseline/controller-namespace-check';
import { quotaFitCheck } from './baseline/quota-check';
import { arm64SafetyCheck, capacity, spotSafetyCheck } from './capacity';
import { chaos, chaosTargetCheck } from './chaos';
import type { OutputCheck, PlatformCheck, PlatformComponent } from './component';
import { delivery, workloadScalingCheck } from './delivery';
import { demoApp } from './demo-app';
import { governance } from './governance';
import { monitoring } from './monitoring';
import { secretGuard } from './security/secret-guard';

/**
 * Which charts an environment gets, in build order. Adding a component is one line here.
 * Charts that read other charts' constructs (e.g. Argo CD reading Helm releases) come last.
 */
// withArgoCd appends the Argo CD component, which deploys every component listed before it.
export const COMPONENTS: readonly PlatformComponent[] = withArgoCd([baseline, governance, capacity, delivery, monitoring, demoApp, chaos]);

/** Rules over a whole built environment, run before anything is written. */
export const PLATFORM_CHECKS: readonly PlatformCheck[] = [quotaFitCheck, controllerNamespaceCheck, spotSafetyCheck, arm64SafetyCheck, workloadScalingCheck, chaosTargetCheck];

/** Rules over the rendered files of an environment, run before anything is written. */
export const OUTPUT_CHECKS: readonly OutputCheck[] = [secretGuard];

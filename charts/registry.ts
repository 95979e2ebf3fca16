import { protectDestructiveKindsStep, withArgoCd } from './argocd';
import { baseline } from './baseline';
import { controllerNamespaceCheck } from './baseline/controller-namespace-check';
import { quotaFitCheck } from './baseline/quota-check';
import { arm64SafetyCheck, capacity, spotSafetyCheck } from './capacity';
import { chaos, chaosTargetCheck } from './chaos';
import { clusterAddons } from './cluster-addons';
import type { OutputCheck, PlatformCheck, PlatformComponent, PostBuildStep } from './component';
import { delivery, workloadScalingCheck } from './delivery';
import { demoApp } from './demo-app';
import { governance } from './governance';
import { monitoring, monitoringPrerequisites } from './monitoring';
import { secretGuard } from './security/secret-guard';

/**
 * Which charts an environment gets, in build order (a chart that reads another's constructs, like
 * chaos reading the demo app's services, comes after it). Adding a component is one line here;
 * the sync order is derived from what each component and release provides and requires.
 */
// withArgoCd appends the Argo CD component, which deploys every component listed before it.
export const COMPONENTS: readonly PlatformComponent[] = withArgoCd([baseline, clusterAddons, governance, capacity, delivery, monitoringPrerequisites, monitoring, demoApp, chaos]);

/** Passes over the whole built app that change several charts' objects, in this order. */
export const POST_BUILD_STEPS: readonly PostBuildStep[] = [protectDestructiveKindsStep];

/** Rules over a whole built environment, run before anything is written. */
export const PLATFORM_CHECKS: readonly PlatformCheck[] = [quotaFitCheck, controllerNamespaceCheck, spotSafetyCheck, arm64SafetyCheck, workloadScalingCheck, chaosTargetCheck];

/** Rules over the rendered files of an environment, run before anything is written. */
export const OUTPUT_CHECKS: readonly OutputCheck[] = [secretGuard];

// Scanners do not know Argo Rollouts: a Rollout's pod template goes unscored, and the Services,
// NetworkPolicies, PodDisruptionBudgets, HPAs and ALB Ingresses around it look like they point at
// nothing. The scan therefore shows the scanners a translated view (in its scratch copy only):
//   - each Rollout with a pod template gains a shadow apps/v1 Deployment with the same metadata,
//     selector and template, so the pod template is scored and selectors resolve; findings on
//     the shadow are reported against the Rollout;
//   - an HPA that scales a Rollout scales its shadow instead;
//   - an Ingress path on the `use-annotation` port that the Rollout's ALB traffic routing owns is
//     expanded into what the controller forwards to: root, stable and canary Services on
//     `servicePort`, so a wrong Service name or port is still found.
// The Rollout files themselves stay in the copy. A Rollout that uses `workloadRef` has no template
// of its own; the Deployment it references is scanned as it is.

/** A Kubernetes object as parsed from a rendered file. */
export type ScanObject = { apiVersion?: string; kind?: string; metadata?: { name?: string; namespace?: string; [key: string]: unknown }; spec?: any; [key: string]: unknown };

/** A shadow Deployment and the Rollout its findings belong to. */
export interface RolloutShadow {
  readonly deployment: ScanObject;
  /** `Rollout/<namespace>/<name>`. */
  readonly target: string;
}

const ROLLOUT_API = 'argoproj.io/v1alpha1';
/** AWS Load Balancer Controller: the backend's actions come from an annotation. */
const USE_ANNOTATION = 'use-annotation';

/** `Kind/namespace/name`, or `Kind/name` for a cluster-scoped object: how findings name objects. */
export function targetOf(object: ScanObject): string {
  const { namespace, name } = object.metadata ?? {};
  return namespace ? `${object.kind}/${namespace}/${name}` : `${object.kind}/${name}`;
}

function isRollout(object: ScanObject): boolean {
  return object.kind === 'Rollout' && object.apiVersion === ROLLOUT_API;
}

/** The apps/v1 Deployment a Rollout behaves like, or undefined when it has no pod template. */
export function rolloutShadow(rollout: ScanObject): RolloutShadow | undefined {
  const spec = rollout.spec ?? {};
  if (!isRollout(rollout) || !spec.template) return undefined;
  const copied = ['replicas', 'minReadySeconds', 'revisionHistoryLimit', 'progressDeadlineSeconds'].filter((field) => spec[field] !== undefined);
  const deployment: ScanObject = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: structuredClone(rollout.metadata),
    spec: {
      ...Object.fromEntries(copied.map((field) => [field, spec[field]])),
      selector: structuredClone(spec.selector),
      template: structuredClone(spec.template),
    },
  };
  return { deployment, target: targetOf(rollout) };
}

/** Services the ALB forwards a Rollout's traffic to, per routed Ingress (`namespace/name`). */
function albRoutes(rollouts: readonly ScanObject[]): Map<string, { service: string; port: number; backends: string[] }> {
  const routes = new Map<string, { service: string; port: number; backends: string[] }>();
  for (const rollout of rollouts) {
    const canary = rollout.spec?.strategy?.canary;
    const alb = canary?.trafficRouting?.alb;
    if (!alb || typeof alb.servicePort !== 'number' || !canary.stableService) continue;
    const service: string = alb.rootService ?? canary.stableService;
    const backends = [...new Set([service, canary.stableService, canary.canaryService].filter((s): s is string => typeof s === 'string'))];
    const ingresses: string[] = [...(alb.ingress ? [alb.ingress] : []), ...(alb.ingresses ?? [])];
    for (const ingress of ingresses) routes.set(`${rollout.metadata?.namespace}/${ingress}`, { service, port: alb.servicePort, backends });
  }
  return routes;
}

function resolveIngress(ingress: ScanObject, route: { service: string; port: number; backends: string[] }): ScanObject {
  const copy = structuredClone(ingress);
  for (const rule of copy.spec?.rules ?? []) {
    if (!rule.http?.paths) continue;
    rule.http.paths = rule.http.paths.flatMap((path: any) => {
      const backend = path.backend?.service;
      if (backend?.name !== route.service || backend.port?.name !== USE_ANNOTATION) return [path];
      return route.backends.map((name) => ({ ...path, backend: { service: { name, port: { number: route.port } } } }));
    });
  }
  return copy;
}

/**
 * The objects as the scanners should see them: HPAs and ALB Ingresses of Rollouts rewritten (a
 * new object where something changed, the same object otherwise), plus one shadow per Rollout.
 * Fails when a shadow would share its name with a real Deployment (findings would be ambiguous).
 */
export function rolloutView(objects: readonly ScanObject[]): { objects: ScanObject[]; shadows: RolloutShadow[] } {
  const rollouts = objects.filter(isRollout);
  const shadows = rollouts.map(rolloutShadow).filter((s): s is RolloutShadow => s !== undefined);
  const shadowKeys = new Set(shadows.map((s) => targetOf(s.deployment)));
  for (const o of objects) {
    if (o.kind === 'Deployment' && shadowKeys.has(targetOf(o))) {
      throw new Error(`${targetOf(o)} has the name of a Rollout in the same namespace: rename one, the scan cannot tell their findings apart`);
    }
  }
  const routes = albRoutes(rollouts);
  const view = objects.map((o) => {
    const ref = o.spec?.scaleTargetRef;
    if (o.kind === 'HorizontalPodAutoscaler' && ref?.kind === 'Rollout' && ref.apiVersion === ROLLOUT_API) {
      const shadowed = shadowKeys.has(`Deployment/${o.metadata?.namespace}/${ref.name}`);
      return shadowed ? { ...o, spec: { ...o.spec, scaleTargetRef: { ...ref, apiVersion: 'apps/v1', kind: 'Deployment' } } } : o;
    }
    const route = o.kind === 'Ingress' ? routes.get(`${o.metadata?.namespace}/${o.metadata?.name}`) : undefined;
    return route ? resolveIngress(o, route) : o;
  });
  return { objects: view, shadows };
}

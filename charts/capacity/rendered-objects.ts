import { Chart, type App } from 'cdk8s';
import type { RenderedObject } from '../../lib/capacity';

/** Every object of every chart of `app`, resolved as it will be written, with its chart id. */
export function renderedObjects(app: App): { readonly chart: string; readonly object: RenderedObject }[] {
  return app.node.children
    .filter((c): c is Chart => c instanceof Chart)
    .flatMap((chart) => chart.toJson().map((object: RenderedObject) => ({ chart: chart.node.id, object })));
}

/** `Kind namespace/name` (or `Kind name` when cluster-scoped). */
export function describeObject(object: RenderedObject): string {
  const ns = object.metadata?.namespace;
  return `${object.kind} ${ns ? `${ns}/` : ''}${object.metadata?.name}`;
}

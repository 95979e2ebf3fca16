import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Chart, Testing } from 'cdk8s';
import type { Construct } from 'constructs';
import { environments, type EnvironmentConfig } from '../environments';
import { deepMerge } from '../lib/config/deep-merge';
import { ConfigError, formatViolation } from '../lib/config/violation';
import { buildPlatform, validateEnvironments } from '../charts/platform';

/** A Kubernetes object as rendered (plain JSON). */
export type K8sObject = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> }; [key: string]: any };

/** An empty chart to put a construct under test into. */
export function testChart(): Chart {
  return Testing.chart();
}

/** Renders a chart (or the chart a construct belongs to) to plain objects. */
export function render(scope: Construct): K8sObject[] {
  return Chart.of(scope).toJson() as K8sObject[];
}

/** The one object of `kind` (and `name`, when given); throws when there is not exactly one. */
export function findOne(objects: readonly K8sObject[], kind: string, name?: string, namespace?: string): K8sObject {
  const found = findAll(objects, kind).filter((o) => (name === undefined || o.metadata.name === name) && (namespace === undefined || o.metadata.namespace === namespace));
  if (found.length !== 1) throw new Error(`expected one ${kind}${name ? ` ${name}` : ''}, found ${found.length}`);
  return found[0];
}

export function findAll(objects: readonly K8sObject[], kind: string): K8sObject[] {
  return objects.filter((o) => o.kind === kind);
}

/** A committed environment by name. */
export function env(name: string): EnvironmentConfig {
  const found = environments.find((e) => e.name === name);
  if (!found) throw new Error(`no environment ${name}`);
  return found;
}

/** A copy of environment `name` with `overrides` deep-merged (arrays replace). */
export function envWith(name: string, overrides: unknown): EnvironmentConfig {
  return deepMerge(env(name), overrides);
}

/** The build date configuration tests validate for, so date rules (Kubernetes support) do not age. */
export const TEST_TODAY = new Date('2026-12-04T12:00:00Z');

/**
 * Formatted configuration violations of `config`, validated alongside the committed environments
 * with `replaces` (default: the environment of the same name) swapped out for it, on `today`.
 */
export function violationsOf(config: EnvironmentConfig, replaces: string = config.name, today: Date = TEST_TODAY): string[] {
  const others = environments.filter((e) => e.name !== replaces);
  return validateEnvironments([config], [...others, config], today).map(formatViolation);
}

/** The build and platform-check violations of `config` (its configuration assumed valid), one line each. */
export function platformViolations(config: EnvironmentConfig): string[] {
  try {
    buildPlatform(config);
    return [];
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.violations.map(formatViolation);
  }
}

/** A fresh cdk8s App for chart tests. */
export function testApp(): App {
  return Testing.app();
}

export function tempDir(prefix = 'eks-platform-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

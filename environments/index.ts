import { dev } from './dev';
import { prod } from './prod';
import { staging } from './staging';
import type { EnvironmentConfig } from './types';

export * from './types';
export { awsNames, demoAppNames } from './names';
export { systemNodeGroupOf, type SystemNodeGroupSpec } from './system-node-group';
export type { AwsNames, DemoAppNames, PodIdentity } from './names';
export { defineEnvironment } from './define';
export type { EnvironmentDefinition } from './define';

/** Every environment this repository renders, in render order. */
export const environments: readonly EnvironmentConfig[] = [dev, staging, prod];

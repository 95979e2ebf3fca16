export * from './atomic-write';
export * from './output-lock';
export * from './pod-template';
export * from './render-app';
export * from './rendered-file';
export * from './resolve-charts-once';
export * from './tree-hash';
export * from './yaml-text';

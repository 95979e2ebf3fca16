export * from './atomic-write';
export * from './render-app';
export * from './rendered-file';
export * from './tree-hash';

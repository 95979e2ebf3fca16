export * from './application-options';
export * from './application-source';
export * from './fleet-application-set';
export * from './platform-application';
export * from './platform-project';
export * from './replicas-managed-by';
export * from './resource-ref';
export * from './resource-sync-options';

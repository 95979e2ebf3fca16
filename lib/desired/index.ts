export * from './argo-application';
export * from './desired-state';
export * from './helm-template';
export * from './manifest-folder';

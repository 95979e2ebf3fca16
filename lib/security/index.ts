export * from './credential-patterns';
export * from './find-secret-leaks';
export * from './pod-security';

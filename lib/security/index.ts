export * from './credential-patterns';
export * from './find-secret-leaks';

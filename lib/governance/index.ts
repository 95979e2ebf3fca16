export * from './conformance';
export * from './policies';
export * from './policy-exception';
export * from './workload-kinds';
export * from './workload-policy';

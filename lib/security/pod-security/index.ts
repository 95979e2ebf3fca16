export * from './evaluate-pod-security';
export * from './kyverno-pss-version';
export * from './namespace-pod-security';
export * from './pod-from-template';
export * from './pod-security-policies';

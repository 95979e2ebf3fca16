export * from './platform-namespace';
export * from './system-namespaces';

export * from './cost-model';
export * from './cost-report';
export * from './price-table';

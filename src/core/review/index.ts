export * from './week';
export * from './hash';
export * from './facts';
export * from './model';
export * from './codec';
export * from './layout';

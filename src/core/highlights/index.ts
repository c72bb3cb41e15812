export * from './escape';
export * from './legend';
export * from './compile';
export * from './facts';

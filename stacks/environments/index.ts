import { dev } from './dev';
import { prod } from './prod';
import { staging } from './staging';
import { type EnvironmentSettings } from './schema';

/** Every environment, in deployment order. Add one by writing its settings file and listing it here. */
export const ENVIRONMENTS: readonly EnvironmentSettings[] = [dev, staging, prod];

export * from './schema';
export { validateEnvironment } from './validate';

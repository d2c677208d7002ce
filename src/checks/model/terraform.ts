/** A JSON object as found in synthesized Terraform. */
export type Config = Record<string, unknown>;

/** One resource or data source of a stack, with its Terraform address. */
export interface TerraformResource {
  readonly mode: 'resource' | 'data';
  readonly type: string;
  readonly name: string;
  /** `aws_iam_role.runner_1A2B3C4D`, or `data.aws_iam_policy_document.runner` for data sources. */
  readonly address: string;
  readonly config: Config;
}

/** True for a plain JSON object (a value unknown until apply is not one). */
export function isRecord(value: unknown): value is Config {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof UnknownValue)
  );
}

/**
 * A nested block's items. Terraform JSON writes a block as one object or as a list of objects
 * (cdktf writes lists for repeatable blocks and objects for single ones).
 */
export function blocks(value: unknown): Config[] {
  if (Array.isArray(value)) return value.filter(isRecord);
  return isRecord(value) ? [value] : [];
}

/** Every resource and data source of a Terraform JSON document. */
export function terraformResources(json: Config): TerraformResource[] {
  return [...collect(json.resource, 'resource'), ...collect(json.data, 'data')];
}

function collect(section: unknown, mode: 'resource' | 'data'): TerraformResource[] {
  // `resource` is normally { type: { name: config } }; Terraform JSON also allows a list of such objects.
  return blocks(section).flatMap((byType) =>
    Object.entries(byType).flatMap(([type, byName]) =>
      blocks(byName).flatMap((named) =>
        Object.entries(named)
          .filter(([, config]) => isRecord(config))
          .map(([name, config]) => ({
            mode,
            type,
            name,
            address: `${mode === 'data' ? 'data.' : ''}${type}.${name}`,
            config: config as Config,
          })),
      ),
    ),
  );
}

/** A string attribute, or undefined. */
export function stringAttribute(config: Config, key: string): string | undefined {
  const value = config[key];
  return typeof value === 'string' ? value : undefined;
}

/** A list-of-strings attribute (a lone string counts as a list of one). */
export function stringList(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string')
    : [];
}

/**
 * A value a plan does not know yet (`after_unknown`): the checks cannot judge it, so every
 * rule that needs it reports it instead of passing it.
 */
export class UnknownValue {
  toJSON(): string {
    return '(known after apply)';
  }
}

/** True for a value unknown until apply. */
export function isUnknown(value: unknown): value is UnknownValue {
  return value instanceof UnknownValue;
}

/** True when the value is unknown or holds an unknown value anywhere inside. */
export function containsUnknown(value: unknown): boolean {
  if (isUnknown(value)) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  return isRecord(value) && Object.values(value).some(containsUnknown);
}

/** A Terraform reference to a resource attribute: `${aws_iam_role.exec.name}`. */
export interface ResourceReference {
  /** `aws_iam_role.exec` */
  readonly address: string;
  /** `name` */
  readonly attribute: string;
}

const WHOLE_REFERENCE = /^\$\{([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_]+)\}$/;

/**
 * The resource a string refers to when it is exactly one Terraform reference
 * (`${aws_iam_role.exec.arn}`), else undefined.
 */
export function parseReference(value: unknown): ResourceReference | undefined {
  if (typeof value !== 'string') return undefined;
  const match = WHOLE_REFERENCE.exec(value);
  if (!match || match[1] === 'data' || match[1] === 'var' || match[1] === 'local') return undefined;
  return { address: `${match[1]}.${match[2]}`, attribute: match[3] };
}

/** The data sources the modules build ARNs from, and the placeholder a review shows for each. */
const DATA_SOURCE_PLACEHOLDERS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\$\{data\.aws_partition\.[A-Za-z0-9_-]+\.partition\}/g, '<partition>'],
  [/\$\{data\.aws_partition\.[A-Za-z0-9_-]+\.dns_suffix\}/g, '<dns-suffix>'],
  [/\$\{data\.aws_region\.[A-Za-z0-9_-]+\.(?:region|name)\}/g, '<region>'],
  [/\$\{data\.aws_caller_identity\.[A-Za-z0-9_-]+\.account_id\}/g, '<account>'],
];

/**
 * Shows data-source references as short placeholders, as in
 * `arn:<partition>:logs:<region>:<account>:log-group:/ecs/app:*`.
 */
export function abbreviateReferences(text: string): string {
  return DATA_SOURCE_PLACEHOLDERS.reduce(
    (result, [pattern, placeholder]) => result.replace(pattern, placeholder),
    text,
  );
}

/**
 * Undoes Terraform's template escaping in a synthesized string: `$${aws:username}` is the IAM
 * policy variable `${aws:username}` once Terraform has read it.
 */
export function unescapeTemplate(text: string): string {
  return text.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{');
}

/**
 * A short label for an ARN: its service and resource part (`ecr repository/app`,
 * `logs log-group:/ecs/app:*`); anything that is not an ARN is returned abbreviated.
 */
export function shortenArn(value: string): string {
  const text = abbreviateReferences(value);
  if (text === '*') return '* (any resource)';
  const match = /^arn:[^:]*:([^:]*):[^:]*:[^:]*:(.+)$/.exec(text);
  return match ? `${match[1]} ${match[2]}` : text;
}

/** The resource part of an ARN after its type (`role/app-exec` → `app-exec`), for matching names. */
export function arnResourceName(arn: string, type: string): string | undefined {
  const match = /^arn:[^:]*:[^:]*:[^:]*:[^:]*:(.+)$/.exec(arn);
  if (!match || !match[1].startsWith(`${type}/`)) return undefined;
  const path = match[1].slice(type.length + 1);
  return path.slice(path.lastIndexOf('/') + 1);
}

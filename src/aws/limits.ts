import { templateParts } from '../hcl/template';

/**
 * AWS size limits that a synthesized deployment must respect (defaults; the IAM quotas can be
 * raised per account, the others cannot).
 */
export const AwsLimits = {
  /** A role's inline policies together, characters without whitespace. */
  roleInlinePolicyCharacters: 10_240,
  /** One customer managed policy, characters without whitespace. */
  managedPolicyCharacters: 6_144,
  /** A role's trust policy, characters without whitespace. */
  trustPolicyCharacters: 2_048,
  /** Managed policies attached to one role. */
  managedPoliciesPerRole: 10,
  /** A Lambda function's environment variables together, bytes. */
  lambdaEnvironmentBytes: 4_096,
  /** A task definition's container definitions, bytes. */
  containerDefinitionsBytes: 65_536,
  /** RunTask's serialized `overrides`, characters. */
  runTaskOverridesCharacters: 8_192,
} as const;

/**
 * The longest value each data-source attribute the project builds ARNs from can take:
 * partitions (`aws-us-gov`, `aws-iso-b` …), regions (`ap-southeast-5`, `us-gov-west-1` …),
 * account IDs and DNS suffixes (`amazonaws.com.cn`).
 */
const LONGEST: ReadonlyArray<readonly [RegExp, number]> = [
  [/^data\.aws_partition\.[^.]+\.partition$/, 10],
  [/^data\.aws_partition\.[^.]+\.dns_suffix$/, 16],
  [/^data\.aws_region\.[^.]+\.(?:region|name)$/, 14],
  [/^data\.aws_caller_identity\.[^.]+\.account_id$/, 12],
];

/**
 * An upper estimate of a Terraform string's size once evaluated, counted by `measure` (which
 * receives literal text): a reference to the account, region or partition counts as its
 * longest value; any other interpolation as its own text (`${…}`, longer than the IDs and names
 * such references usually produce); `$${…}` as the `${…}` it becomes. For a plan's evaluated
 * values (no interpolation) the size is exact.
 */
export function evaluatedSize(text: string, measure: (literal: string) => number): number {
  let parts: ReturnType<typeof templateParts>;
  try {
    parts = templateParts(text);
  } catch {
    return measure(text); // an unterminated ${: Terraform would reject it; measure it as is
  }
  return parts.reduce((total, part) => {
    if ('literal' in part) return total + measure(part.literal.replace(/([$%])\1\{/g, '$1{'));
    const expression = part.interpolation.slice(2, -1).trim();
    const longest = part.directive
      ? undefined
      : LONGEST.find(([pattern]) => pattern.test(expression))?.[1];
    return total + (longest ?? measure(part.interpolation));
  }, 0);
}

/** IAM's size of a policy document: characters, whitespace excluded. */
export function policySize(text: string): number {
  return evaluatedSize(text, (literal) => literal.replace(/\s/g, '').length);
}

/** A value's size in UTF-8 bytes once evaluated (Lambda environment, container definitions). */
export function byteSize(text: string): number {
  return evaluatedSize(text, (literal) => Buffer.byteLength(literal, 'utf8'));
}

/**
 * A count with thousands separators, as `toLocaleString('en-US')` writes it (`10,240`), for the
 * messages about limits. Whole numbers are formatted here: the first `toLocaleString` of a
 * process loads ICU's number formatting, which cost some 20 ms of every synth.
 */
export function formatCount(value: number): string {
  if (!Number.isSafeInteger(value)) return value.toLocaleString('en-US');
  const digits = String(Math.abs(value)).replace(/\B(?=(\d{3})+$)/g, ',');
  return value < 0 ? `-${digits}` : digits;
}

import { Token } from 'cdktf';
import { type Problems } from '../errors';
import { checkPattern } from '../validation';

/** EC2 resource IDs the modules take: the prefix, then 8 or 17 hexadecimal digits. */
export const ResourceIds = {
  subnet: {
    pattern: /^subnet-[0-9a-f]{8,17}$/,
    allowed: 'a subnet ID such as "subnet-0123456789abcdef0"',
  },
  securityGroup: {
    pattern: /^sg-[0-9a-f]{8,17}$/,
    allowed: 'a security group ID such as "sg-0123456789abcdef0"',
  },
  vpc: { pattern: /^vpc-[0-9a-f]{8,17}$/, allowed: 'a VPC ID such as "vpc-0123456789abcdef0"' },
} as const;

type ResourceIdKind = (typeof ResourceIds)[keyof typeof ResourceIds];

/** Records a problem when `value` is not an ID of `kind` (Terraform expressions are skipped). */
export function checkResourceId(
  problems: Problems,
  property: string,
  value: string | undefined,
  kind: ResourceIdKind,
): void {
  checkPattern(problems, property, value, kind.pattern, kind.allowed);
}

/** Records a problem for an empty list and for every item that is not an ID of `kind`. */
export function checkResourceIds(
  problems: Problems,
  property: string,
  values: readonly string[] | undefined,
  kind: ResourceIdKind,
): void {
  if (values === undefined || Token.isUnresolved(values)) return;
  problems.check(values.length > 0, {
    property,
    received: values,
    reason: 'is empty',
    allowed: `at least one: ${kind.allowed}`,
  });
  values.forEach((value, i) => checkResourceId(problems, `${property}[${i}]`, value, kind));
}

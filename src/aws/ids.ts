import { Token } from 'cdktf';
import { type Problems } from '../errors';
import { checkRule } from '../validation';
import { Patterns } from './patterns';

/** EC2 resource IDs the modules take (see {@link Patterns}). */
export const ResourceIds = {
  subnet: Patterns.subnetId,
  securityGroup: Patterns.securityGroupId,
  vpc: Patterns.vpcId,
} as const;

type ResourceIdKind = (typeof ResourceIds)[keyof typeof ResourceIds];

/** Records a problem when `value` is not an ID of `kind` (Terraform expressions are skipped). */
export function checkResourceId(
  problems: Problems,
  property: string,
  value: string | undefined,
  kind: ResourceIdKind,
): void {
  checkRule(problems, property, value, kind);
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

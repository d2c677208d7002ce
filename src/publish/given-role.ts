import { type ServiceRole } from '../iam/service-role';
import { ROLE_NAME, ROLE_NAME_ALLOWED } from '../naming';
import { ArnKinds } from '../aws/arn';
import { stringExpression } from './expression';
import { arnMessage, arnPattern, Check, Inputs, type VariableSpec } from './variables';

/** The inputs naming an existing role that replaces one a module creates. */
export const givenRoleVariables = <P extends string>(
  prefix: P,
  what: string,
  note = '',
): Record<`${P}_name` | `${P}_arn`, VariableSpec<string>> =>
  ({
    [`${prefix}_name`]: Inputs.string({
      description: `Name of an existing ${what} to use instead of creating one; set ${prefix}_arn with it.${note && ` ${note}`}`,
      default: null,
      validation: [Check.pattern(ROLE_NAME.source, `${prefix}_name must be ${ROLE_NAME_ALLOWED}.`)],
    }),
    [`${prefix}_arn`]: Inputs.string({
      description: `ARN of the existing ${what} named by ${prefix}_name.`,
      default: null,
      validation: [
        Check.pattern(arnPattern(ArnKinds.iamRole), arnMessage(ArnKinds.iamRole, `${prefix}_arn`)),
        {
          condition: `(var.${prefix}_name == null) == ({name} == null)`,
          errorMessage: `Set ${prefix}_name and ${prefix}_arn together (an existing role) or neither (the module creates one).`,
        },
        {
          // A conditional reports only the chosen branch's errors: endswith is never given a null.
          condition: `{name} == null ? true : var.${prefix}_name == null ? true : endswith({name}, "/\${var.${prefix}_name}")`,
          errorMessage: `${prefix}_arn must be the ARN of the role named ${prefix}_name.`,
        },
      ],
    }),
  }) as Record<`${P}_name` | `${P}_arn`, VariableSpec<string>>;

/**
 * Makes a role the module creates replaceable by an existing one: with `var.<prefix>_name`
 * set, the role is not created (`count`) and its own policy, if any, is attached to the given
 * role under `policyNameWhenGiven`. The name decides (a name is known at plan; the ARN of a
 * role created in the same apply is not). Returns the name and ARN of whichever role is used.
 */
export function replaceableRole(
  role: ServiceRole,
  prefix: string,
  policyNameWhenGiven: string,
): { readonly name: string; readonly arn: string } {
  const given = `var.${prefix}_name != null`;
  const created = `${role.resource.terraformResourceType}.${role.resource.friendlyUniqueId}[0]`;
  const name = `${given} ? var.${prefix}_name : ${created}.name`;
  role.resource.addOverride('count', `\${${given} ? 0 : 1}`);
  role.policy?.addOverride('role', `\${${name}}`);
  role.policy?.addOverride(
    'name',
    `\${${given} ? ${JSON.stringify(policyNameWhenGiven)} : ${JSON.stringify(role.policy.nameInput)}}`,
  );
  return {
    name: stringExpression(name),
    arn: stringExpression(`${given} ? var.${prefix}_arn : ${created}.arn`),
  };
}

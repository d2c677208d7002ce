import { globRegex } from '../../iam/glob';
import { type Statement } from '../model/policy';
import { type PolicySource, type StackModel } from '../model/stack';
import { maskTemplate } from '../model/template';

/** An Allow statement of an identity policy, with its policy. */
export interface Grant {
  readonly policy: PolicySource;
  readonly statement: Statement;
}

/** Every Allow statement of every readable identity (or trust) policy of the stack. */
export function grants(stack: StackModel, kind: PolicySource['kind'] = 'identity'): Grant[] {
  return stack.policies
    .filter((policy) => policy.kind === kind)
    .flatMap((policy) =>
      policy.statements
        .filter((statement) => statement.effect === 'Allow')
        .map((statement) => ({ policy, statement })),
    );
}

/** Whether a statement names an action, through its Action patterns or by leaving it out of NotAction. */
export function coversAction(statement: Statement, action: string): boolean {
  if (statement.notActions) return !statement.notActions.some((p) => globRegex(p).test(action));
  return (statement.actions ?? []).some((p) => globRegex(p).test(action));
}

/** `policy statement "RunTask"`, or `assume_role_policy statement #2` when it has no Sid. */
export function describeStatement({ policy, statement }: Grant): string {
  const name = statement.sid ? `"${statement.sid}"` : `#${statement.index + 1}`;
  return `${policy.label} statement ${name}`;
}

/** Whether the policy's own text (not a Terraform reference in it) has a wildcard. */
export function hasWildcard(text: string): boolean {
  return /[*?]/.test(maskTemplate(text));
}

/** The statement's wildcard resources; NotResource counts as a wildcard (it allows all others). */
export function wildcardResources(statement: Statement, broad: (r: string) => boolean): string[] {
  if (statement.notResources) return [`NotResource ${JSON.stringify(statement.notResources)}`];
  return (statement.resources ?? []).filter(broad).map((r) => `"${r}"`);
}

/** Quotes and joins values for a message: `"a", "b"`. */
export function quoted(values: readonly string[]): string {
  return values.map((v) => `"${v}"`).join(', ');
}

/** The resource part of an ARN (after `arn:partition:service:region:account:`), or undefined. */
export function arnResourcePart(arn: string): string | undefined {
  const parts = arn.split(':');
  return parts.length >= 6 && parts[0] === 'arn' ? parts.slice(5).join(':') : undefined;
}

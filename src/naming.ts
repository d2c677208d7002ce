import { Token } from 'cdktf';
import { type Problems } from './errors';

import { Patterns } from './aws/patterns';

/** IAM role names: 1–64 characters of letters, digits and `+=,.@_-`. */
export const ROLE_NAME = Patterns.roleName.pattern;
export const ROLE_NAME_ALLOWED = Patterns.roleName.allowed;

/**
 * The one naming scheme of the project: `<app>-<env>-<purpose>`, e.g.
 * `fargate-runner-prod-report-exec`. Names that AWS limits (role names: 64 characters) are
 * validated where they are used, so a generated name that is too long fails with the same
 * message as a given one.
 */
export function resourceName(app: string, env: string, ...purpose: string[]): string {
  return [app, env, ...purpose].filter((part) => part.length > 0).join('-');
}

/** Records a problem when `value` is not a valid IAM role name. */
export function checkRoleName(problems: Problems, property: string, value: string): void {
  if (Token.isUnresolved(value)) return;
  const reason =
    typeof value !== 'string'
      ? 'is not a string'
      : value.length > 64
        ? `is ${value.length} characters long`
        : value.length === 0
          ? 'is empty'
          : ROLE_NAME.test(value)
            ? undefined
            : `contains characters IAM does not allow (${[...new Set(value.replace(/[\w+=,.@-]/g, ''))].join('')})`;
  if (reason) problems.add({ property, received: value, reason, allowed: ROLE_NAME_ALLOWED });
}

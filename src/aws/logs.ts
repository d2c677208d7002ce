import { Token } from 'cdktf';
import { type Problems } from '../errors';
import { literalHasWildcard } from './arn';
import { type AwsContext } from './context';

/** CloudWatch Logs log group names: 1–512 characters of letters, digits and `_-./#`. */
const LOG_GROUP_NAME = /^[\w\-./#]{1,512}$/;

const LOG_GROUP_ALLOWED =
  'a log group name: 1 to 512 letters, digits and _-./# (no ARN, no wildcard), e.g. "/ecs/my-app"';

/** Records a problem when `value` is not a valid log group name. */
export function checkLogGroupName(
  problems: Problems,
  property: string,
  value: string | undefined,
): void {
  if (value === undefined) return;
  if (Token.isUnresolved(value)) {
    // Known only at apply, but a wildcard around the reference would make the grant a pattern.
    if (typeof value === 'string' && literalHasWildcard(value)) {
      problems.add({
        property,
        received: value,
        reason: 'contains a wildcard',
        allowed: LOG_GROUP_ALLOWED,
      });
    }
    return;
  }
  problems.check(typeof value === 'string' && LOG_GROUP_NAME.test(value), {
    property,
    received: value,
    allowed: LOG_GROUP_ALLOWED,
  });
}

/** The ARN of a log group: `arn:<p>:logs:<region>:<account>:log-group:<name>`. */
export function logGroupArn(context: AwsContext, name: string): string {
  return context.arn('logs', `log-group:${name}`);
}

/** The ARN pattern matching every stream of one log group (the resource of CreateLogStream and PutLogEvents). */
export function logStreamsArn(context: AwsContext, name: string): string {
  return `${logGroupArn(context, name)}:log-stream:*`;
}

/** The retention periods CloudWatch Logs accepts, in days (never-expire is not offered: logs need retention). */
export const LOG_RETENTION_DAYS: readonly number[] = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288,
  3653,
];

/** Records a problem when `days` is not a retention period CloudWatch Logs accepts. */
export function checkRetentionDays(
  problems: Problems,
  property: string,
  days: number | undefined,
): void {
  if (days === undefined || Token.isUnresolved(days)) return;
  problems.check(LOG_RETENTION_DAYS.includes(days), {
    property,
    received: days,
    allowed: `one of ${LOG_RETENTION_DAYS.join(', ')} (days)`,
  });
}

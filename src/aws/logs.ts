import { Token } from 'cdktf';
import { type Problems } from '../errors';
import { type AwsContext } from './context';

/** CloudWatch Logs log group names: 1–512 characters of letters, digits and `_-./#`. */
const LOG_GROUP_NAME = /^[\w\-./#]{1,512}$/;

/** Records a problem when `value` is not a valid log group name. */
export function checkLogGroupName(
  problems: Problems,
  property: string,
  value: string | undefined,
): void {
  if (value === undefined || Token.isUnresolved(value)) return;
  problems.check(typeof value === 'string' && LOG_GROUP_NAME.test(value), {
    property,
    received: value,
    allowed:
      'a log group name: 1 to 512 letters, digits and _-./# (no ARN, no wildcard), e.g. "/ecs/my-app"',
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

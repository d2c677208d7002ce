import { type Construct } from 'constructs';
import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission';
import { SchedulerSchedule } from '@cdktf/provider-aws/lib/scheduler-schedule';
import { ServiceRole, type RoleOptions } from '../../src/iam/service-role';
import { TrustedServices } from '../../src/iam/trust';

/** What the runner receives when a trigger fires: the handler's input. */
export interface RunnerInvocation {
  /** Name of the task to run, from the runner's allow-list. @default - the only task */
  readonly task?: string;
  /** @default - the container's command */
  readonly command?: readonly string[];
  /** @default - none */
  readonly environment?: Readonly<Record<string, string>>;
  /** 1 to 10. @default 1 */
  readonly count?: number;
  /** @default - the runner's default */
  readonly startedBy?: string;
}

/** Run tasks on a schedule. */
export interface RunnerSchedule {
  /** `rate(1 hour)`, `cron(0 3 * * ? *)` (and with EventBridge Scheduler `at(2026-12-01T03:00:00)`). */
  readonly expression: string;
  /**
   * IANA time zone of cron and at expressions (EventBridge Scheduler only).
   *
   * @default 'UTC'
   */
  readonly timezone?: string;
  /**
   * The invocation the schedule sends.
   *
   * @default - `{}`: the runner's only task
   */
  readonly input?: RunnerInvocation;
  /**
   * `scheduler`: EventBridge Scheduler, with its own role that may invoke only this function
   * and trusts only this schedule. `eventbridge-rule`: an EventBridge rule with a Lambda
   * permission scoped to the rule (`source_arn`).
   *
   * @default 'scheduler'
   */
  readonly service?: 'scheduler' | 'eventbridge-rule';
}

/** Run tasks when an EventBridge event matches a pattern. */
export interface RunnerEventTrigger {
  /** The event pattern, e.g. `{ source: ['aws.s3'], 'detail-type': ['Object Created'] }`. */
  readonly pattern: Readonly<Record<string, unknown>>;
  /**
   * The invocation sent when an event matches (the event itself is not passed on: the runner
   * accepts only its own input).
   *
   * @default - `{}`: the runner's only task
   */
  readonly input?: RunnerInvocation;
}

interface Target {
  readonly functionName: string;
  /** Reference to the function resource. */
  readonly functionArn: string;
  /** ARN built from the name, for policies. */
  readonly functionArnForPolicies: string;
  readonly roleOptions: RoleOptions;
  readonly tags?: Readonly<Record<string, string>>;
}

/** An EventBridge Scheduler schedule invoking the function through a role that may do only that. */
export function addSchedulerSchedule(
  scope: Construct,
  target: Target,
  schedule: RunnerSchedule,
): void {
  const role = new ServiceRole(scope, 'SchedulerRole', {
    ...target.roleOptions,
    roleName: `${target.functionName}-scheduler`,
    assumedBy: TrustedServices.scheduler,
    assumedForResource: `schedule/default/${target.functionName}`,
    policyName: 'invoke-runner',
    description: 'EventBridge Scheduler: invokes the runner function and nothing else',
  });
  role.addToPrincipalPolicy({
    sid: 'InvokeRunner',
    actions: ['lambda:InvokeFunction'],
    resources: [target.functionArnForPolicies],
  });
  new SchedulerSchedule(scope, 'Schedule', {
    name: target.functionName,
    groupName: 'default',
    scheduleExpression: schedule.expression,
    scheduleExpressionTimezone: schedule.timezone ?? 'UTC',
    flexibleTimeWindow: { mode: 'OFF' },
    target: {
      arn: target.functionArn,
      roleArn: role.roleArn,
      input: JSON.stringify(schedule.input ?? {}),
    },
  });
}

/**
 * An EventBridge rule (a schedule or an event pattern) invoking the function, with a Lambda
 * permission for exactly that rule.
 */
export function addEventRule(
  scope: Construct,
  id: string,
  target: Target,
  rule: {
    name: string;
    scheduleExpression?: string;
    eventPattern?: Readonly<Record<string, unknown>>;
    input?: RunnerInvocation;
  },
): void {
  const resource = new CloudwatchEventRule(scope, id, {
    name: rule.name,
    scheduleExpression: rule.scheduleExpression,
    eventPattern: rule.eventPattern && JSON.stringify(rule.eventPattern),
    tags: target.tags,
  });
  new CloudwatchEventTarget(scope, `${id}Target`, {
    rule: resource.name,
    arn: target.functionArn,
    input: JSON.stringify(rule.input ?? {}),
  });
  new LambdaPermission(scope, `${id}Permission`, {
    statementId: `invoke-from-${id}`,
    action: 'lambda:InvokeFunction',
    functionName: target.functionArn,
    principal: 'events.amazonaws.com',
    sourceArn: resource.arn,
  });
}

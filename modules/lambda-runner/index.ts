import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { LambdaFunctionEventInvokeConfig } from '@cdktf/provider-aws/lib/lambda-function-event-invoke-config';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { ArnKinds, checkGrantTarget } from '../../src/aws/arn';
import { AwsContext } from '../../src/aws/context';
import { checkResourceIds, ResourceIds } from '../../src/aws/ids';
import { checkRetentionDays } from '../../src/aws/logs';
import { EVENT_PATTERN_ALLOWED, eventPatternProblems } from '../../src/aws/event-pattern';
import { Patterns } from '../../src/aws/patterns';
import {
  isTimeZone,
  SCHEDULE_EXPRESSION_ALLOWED,
  scheduleExpressionProblem,
  TIME_ZONE_ALLOWED,
} from '../../src/aws/schedule';
import { Problems } from '../../src/errors';
import { type IGrantable, type IPrincipal } from '../../src/iam/grant';
import { checkRoleOptions, ServiceRole, type RoleOptions } from '../../src/iam/service-role';
import { TrustedServices } from '../../src/iam/trust';
import { checkRoleName } from '../../src/naming';
import { checkTags } from '../../src/tags';
import { Ranges } from '../../src/aws/ranges';
import { checkInteger, checkOneOf, checkRule } from '../../src/validation';
import { checkStrategy } from '../ecs-cluster';
import { runnerAsset } from './asset';
import { runnerConfigValue, type RunnerConfigProps } from './config';
import { runnerStatements } from './statements';
import {
  addEventRule,
  addSchedulerSchedule,
  type RunnerEventTrigger,
  type RunnerInvocation,
  type RunnerSchedule,
} from './triggers';

export type { RunnerEventTrigger, RunnerInvocation, RunnerSchedule } from './triggers';

/** Node.js runtimes the runner supports. */
export const RUNNER_RUNTIMES = ['nodejs22.x', 'nodejs24.x'] as const;
export type RunnerRuntime = (typeof RUNNER_RUNTIMES)[number];
/** The instruction set architectures of the runner function. */
export const RUNNER_ARCHITECTURES = ['arm64', 'x86_64'] as const;
/** X-Ray tracing modes of the runner function (see {@link LambdaRunnerProps.tracing}). */
export const RUNNER_TRACING_MODES = ['Active', 'PassThrough'] as const;

/** What happens to an asynchronous invocation that failed all its attempts. */
export type RunnerOnFailure = 'dead-letter-queue' | 'destination' | 'none';

/** Properties of a {@link LambdaRunner}. */
export interface LambdaRunnerProps extends RunnerConfigProps {
  /** Name of the function: 1 to 64 letters, digits, `-` and `_`. */
  readonly functionName: string;
  /**
   * Let the runner describe tasks in the cluster (`ecs:DescribeTasks`).
   *
   * @default false
   */
  readonly allowDescribeTasks?: boolean;
  /** @default 'nodejs22.x' */
  readonly runtime?: RunnerRuntime;
  /** @default 'arm64' */
  readonly architecture?: (typeof RUNNER_ARCHITECTURES)[number];
  /** Memory in MiB, 128 to 10240. @default 256 */
  readonly memoryMiB?: number;
  /** Timeout in seconds, 1 to 900. @default 30 */
  readonly timeoutSeconds?: number;
  /**
   * Retention of the function's log group, in days.
   *
   * @default 30
   */
  readonly logRetentionDays?: number;
  /**
   * X-Ray tracing of the function: `Active` samples and records invocations, and so adds
   * `xray:PutTraceSegments` and `xray:PutTelemetryRecords` on `*` (they have no resource type)
   * to a policy that otherwise names every resource; `PassThrough` only passes on an incoming
   * trace header. The handler's structured logs record every task it starts.
   *
   * @default 'PassThrough'
   */
  readonly tracing?: (typeof RUNNER_TRACING_MODES)[number];
  /**
   * Reserved concurrency, which also caps how many invocations run at once.
   *
   * @default - unreserved
   */
  readonly reservedConcurrency?: number;
  /**
   * Where failed asynchronous invocations go: an SQS dead-letter queue (`dead_letter_config`),
   * the same queue as an on-failure destination (which also records the error), or nowhere.
   *
   * @default 'dead-letter-queue'
   */
  readonly onFailure?: RunnerOnFailure;
  /** Retries of a failed asynchronous invocation, 0 to 2. @default 2 */
  readonly maximumRetryAttempts?: number;
  /** Maximum age of an asynchronous event, 60 to 21600 seconds. @default 21600 */
  readonly maximumEventAgeSeconds?: number;
  /** @default - no schedule */
  readonly schedule?: RunnerSchedule;
  /** @default - no event trigger */
  readonly eventTrigger?: RunnerEventTrigger;
  /**
   * Name of the runner's role.
   *
   * @default `<functionName>-role`
   */
  readonly roleName?: string;
  /** Path, permissions boundary, session duration and tags of the roles this module creates. @default - none */
  readonly roleOptions?: RoleOptions;
  /** Tags for the function, log group, queue and rules. @default - none */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * A Lambda function that starts Fargate tasks, holding exactly the permissions that takes:
 * RunTask on its tasks' families in its cluster and PassRole of exactly their roles to ECS
 * tasks (through each task definition's `grantRun`), its own logs, and — only when configured —
 * tagging of the tasks it starts, describing tasks and sending to its dead-letter queue.
 */
export class LambdaRunner extends Construct implements IGrantable {
  readonly function: LambdaFunction;
  readonly functionName: string;
  /** Reference to the function resource. */
  readonly functionArn: string;
  readonly role: ServiceRole;
  readonly roleArn: string;
  readonly grantPrincipal: IPrincipal;
  /** The ECS task group of the tasks it starts, when set. */
  readonly taskGroup?: string;
  /** ARN of the dead-letter queue or on-failure destination, when there is one. */
  readonly deadLetterQueueArn?: string;
  readonly logGroupName: string;

  constructor(scope: Construct, id: string, props: LambdaRunnerProps) {
    super(scope, id);
    checkProps(props).throwIfAny(this.node.path);

    const context = AwsContext.of(this);
    this.functionName = props.functionName;
    this.taskGroup = props.taskGroup;
    this.logGroupName = `/aws/lambda/${props.functionName}`;
    const functionArnForPolicies = context.arn('lambda', `function:${props.functionName}`);

    this.role = new ServiceRole(this, 'Role', {
      ...props.roleOptions,
      roleName: props.roleName ?? `${props.functionName}-role`,
      assumedBy: TrustedServices.lambda,
      policyName: 'run-tasks',
      description: 'Fargate task runner: runs exactly its task definitions in its cluster',
    });
    this.roleArn = this.role.roleArn;
    this.grantPrincipal = this.role;
    for (const taskDefinition of Object.values(props.tasks))
      taskDefinition.grantRun(this, props.cluster);

    const onFailure = props.onFailure ?? 'dead-letter-queue';
    const queue =
      onFailure === 'none'
        ? undefined
        : new SqsQueue(this, 'DeadLetterQueue', {
            name: `${props.functionName}-failed`,
            messageRetentionSeconds: 1_209_600,
            sqsManagedSseEnabled: true,
            tags: props.tags,
          });
    this.deadLetterQueueArn = queue?.arn;

    for (const statement of runnerStatements(context, {
      logGroupName: this.logGroupName,
      clusterName: props.cluster.clusterName,
      clusterArn: props.cluster.arnForPolicies,
      tagsTasks: Object.keys(props.taskTags ?? {}).length > 0,
      tracing: props.tracing === 'Active',
      describeTasks: props.allowDescribeTasks ?? false,
      deadLetterQueueArn: queue && context.arn('sqs', `${props.functionName}-failed`),
    })) {
      this.role.addToPrincipalPolicy(statement);
    }

    const logGroup = new CloudwatchLogGroup(this, 'LogGroup', {
      name: this.logGroupName,
      retentionInDays: props.logRetentionDays ?? 30,
      tags: props.tags,
    });
    const asset = runnerAsset(this);
    this.function = new LambdaFunction(this, 'Resource', {
      functionName: props.functionName,
      description: `Starts Fargate tasks: ${Object.keys(props.tasks).sort().join(', ')}`,
      role: this.role.roleArn,
      runtime: props.runtime ?? 'nodejs22.x',
      architectures: [props.architecture ?? 'arm64'],
      handler: 'index.handler',
      filename: asset.path,
      sourceCodeHash: asset.sha256Base64,
      memorySize: props.memoryMiB ?? 256,
      timeout: props.timeoutSeconds ?? 30,
      reservedConcurrentExecutions: props.reservedConcurrency,
      environment: { variables: { RUNNER_CONFIG: runnerConfigValue(props) } },
      loggingConfig: { logFormat: 'JSON', logGroup: logGroup.name },
      tracingConfig: { mode: props.tracing ?? 'PassThrough' },
      ...(onFailure === 'dead-letter-queue' &&
        queue && { deadLetterConfig: { targetArn: queue.arn } }),
      tags: props.tags,
      dependsOn: [logGroup],
    });
    this.functionArn = this.function.arn;

    new LambdaFunctionEventInvokeConfig(this, 'AsyncInvokeConfig', {
      functionName: this.function.functionName,
      maximumRetryAttempts: props.maximumRetryAttempts ?? 2,
      maximumEventAgeInSeconds: props.maximumEventAgeSeconds ?? 21600,
      ...(onFailure === 'destination' &&
        queue && { destinationConfig: { onFailure: { destination: queue.arn } } }),
    });

    const target = {
      functionName: props.functionName,
      functionArn: this.functionArn,
      functionArnForPolicies,
      roleOptions: props.roleOptions ?? {},
      tags: props.tags,
    };
    const schedule = props.schedule;
    if (schedule && (schedule.service ?? 'scheduler') === 'scheduler')
      addSchedulerSchedule(this, target, schedule);
    if (schedule?.service === 'eventbridge-rule') {
      addEventRule(this, 'ScheduleRule', target, {
        name: `${props.functionName}-schedule`,
        scheduleExpression: schedule.expression,
        input: schedule.input,
      });
    }
    if (props.eventTrigger) {
      addEventRule(this, 'EventRule', target, {
        name: `${props.functionName}-events`,
        eventPattern: props.eventTrigger.pattern,
        input: props.eventTrigger.input,
      });
    }
  }
}

function checkProps(props: LambdaRunnerProps): Problems {
  const problems = new Problems();
  checkRule(problems, 'functionName', props.functionName, Patterns.functionName);
  checkRoleName(problems, 'roleName', props.roleName ?? `${props.functionName}-role`);
  if (props.schedule && (props.schedule.service ?? 'scheduler') === 'scheduler') {
    checkRoleName(problems, 'schedule (its role name)', `${props.functionName}-scheduler`);
  }
  checkSchedule(problems, props.schedule);
  checkRoleOptions(problems, props.roleOptions ?? {});
  const taskNames = Object.keys(props.tasks ?? {});
  problems.check(taskNames.length > 0, {
    property: 'tasks',
    received: props.tasks,
    reason: 'is empty',
    allowed: 'at least one task definition, by the name invocations use',
  });
  taskNames.forEach((name) => checkRule(problems, 'tasks key', name, Patterns.runnerTaskName));
  // The configuration names each task's family and container, and the statements the cluster:
  // objects implementing the interfaces are held to what the constructs guarantee.
  for (const [name, task] of Object.entries(props.tasks ?? {})) {
    checkRule(problems, `tasks.${name}.family`, task.family, Patterns.ecsName);
    checkRule(
      problems,
      `tasks.${name}.overrideContainerName`,
      task.overrideContainerName,
      Patterns.ecsName,
    );
  }
  checkRule(problems, 'cluster.clusterName', props.cluster?.clusterName, Patterns.ecsName);
  checkGrantTarget(
    problems,
    'cluster.arnForPolicies',
    props.cluster?.arnForPolicies as string,
    ArnKinds.ecsCluster,
  );
  checkResourceIds(problems, 'subnetIds', props.subnetIds, ResourceIds.subnet);
  checkResourceIds(problems, 'securityGroupIds', props.securityGroupIds, ResourceIds.securityGroup);
  checkStrategy(problems, 'capacityProviderStrategy', props.capacityProviderStrategy);
  checkOneOf(problems, 'propagateTags', props.propagateTags, ['TASK_DEFINITION', 'NONE']);
  checkOneOf(problems, 'runtime', props.runtime, RUNNER_RUNTIMES);
  checkOneOf(problems, 'architecture', props.architecture, RUNNER_ARCHITECTURES);
  checkOneOf(problems, 'tracing', props.tracing, RUNNER_TRACING_MODES);
  checkInteger(problems, 'memoryMiB', props.memoryMiB, ...Ranges.lambdaMemoryMiB);
  checkInteger(problems, 'timeoutSeconds', props.timeoutSeconds, ...Ranges.lambdaTimeoutSeconds);
  checkRetentionDays(problems, 'logRetentionDays', props.logRetentionDays);
  checkInteger(
    problems,
    'reservedConcurrency',
    props.reservedConcurrency,
    ...Ranges.lambdaReservedConcurrency,
  );
  checkOneOf(problems, 'onFailure', props.onFailure, ['dead-letter-queue', 'destination', 'none']);
  checkInteger(
    problems,
    'maximumRetryAttempts',
    props.maximumRetryAttempts,
    ...Ranges.lambdaRetryAttempts,
  );
  checkInteger(
    problems,
    'maximumEventAgeSeconds',
    props.maximumEventAgeSeconds,
    ...Ranges.lambdaEventAgeSeconds,
  );
  checkRule(problems, 'taskGroup', props.taskGroup, Patterns.taskGroup);
  checkTags(problems, 'taskTags', props.taskTags);
  checkTags(problems, 'tags', props.tags);
  const triggers: Array<[string, { input?: RunnerInvocation } | undefined]> = [
    ['schedule.input', props.schedule],
    ['eventTrigger.input', props.eventTrigger],
  ];
  if (props.eventTrigger) {
    for (const { path, value } of eventPatternProblems(props.eventTrigger.pattern)) {
      problems.add({
        property: ['eventTrigger.pattern', ...path].join('.'),
        received: value,
        allowed: EVENT_PATTERN_ALLOWED,
      });
    }
  }
  for (const [property, trigger] of triggers) {
    if (!trigger) continue;
    const input = trigger.input ?? {};
    const task = input.task;
    const ok = task === undefined ? taskNames.length === 1 : taskNames.includes(task);
    problems.check(ok, {
      property: `${property}.task`,
      received: task,
      reason:
        task === undefined
          ? 'is required when the runner has several tasks'
          : "is not one of the runner's tasks",
      allowed: taskNames.map((n) => JSON.stringify(n)).join(', '),
    });
    checkInteger(problems, `${property}.count`, input.count, ...Ranges.runTaskCount);
    // What the runner itself would refuse on every invocation.
    checkRule(problems, `${property}.startedBy`, input.startedBy, Patterns.startedBy);
    for (const name of Object.keys(input.environment ?? {})) {
      checkRule(problems, `${property}.environment`, name, Patterns.environmentName);
    }
  }
  return problems;
}

/** Records a problem for a schedule expression or time zone EventBridge would refuse. */
function checkSchedule(problems: Problems, schedule: RunnerSchedule | undefined): void {
  if (!schedule) return;
  const { expression, timezone } = schedule;
  const reason = Token.isUnresolved(expression)
    ? undefined
    : scheduleExpressionProblem(expression, schedule.service);
  if (reason) {
    problems.add({
      property: 'schedule.expression',
      received: expression,
      reason,
      allowed: SCHEDULE_EXPRESSION_ALLOWED,
    });
  }
  if (timezone === undefined || Token.isUnresolved(timezone)) return;
  problems.check(isTimeZone(timezone), {
    property: 'schedule.timezone',
    received: timezone,
    reason: 'is not a known time zone',
    allowed: TIME_ZONE_ALLOWED,
  });
}

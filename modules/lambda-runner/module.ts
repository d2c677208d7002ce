import { Fn, Token } from 'cdktf';
import { readFileSync } from 'fs';
import { ArnKinds } from '../../src/aws/arn';
import { AwsContext } from '../../src/aws/context';
import { LOG_RETENTION_DAYS } from '../../src/aws/logs';
import { mapItems } from '../../src/iam/expression';
import { defineModule } from '../../src/publish/definition';
import {
  listExpression,
  stringExpression,
  terraformExpression,
} from '../../src/publish/expression';
import { roleOptionVariables } from '../../src/publish/role-variables';
import {
  arnPattern,
  Check,
  hclLiteral,
  Inputs,
  type Validation,
} from '../../src/publish/variables';
import { Patterns } from '../../src/aws/patterns';
import { cachedRunnerBundle } from '../../src/runner/bundle';
import { grantRunTask, type IRunnableTask } from '../fargate-task-definition';
import { runnerConfig } from './config';
import { LambdaRunner, RUNNER_RUNTIMES, type LambdaRunnerProps } from '.';

const NAME = Patterns.runnerTaskName.pattern.source;
const FAMILY = Patterns.ecsName.pattern.source;
/** The code ships inside the module directory, beside main.tf. */
const CODE_FILE = 'runner.zip';

/** Every task of `var.tasks` satisfies `condition` (over `name` and `task`). */
const eachTask = (condition: string, errorMessage: string): Validation => ({
  condition: `alltrue([for name, task in {name} : ${condition}])`,
  errorMessage,
});

const matches = (pattern: string, value: string) => `can(regex(${hclLiteral(pattern)}, ${value}))`;

const TASKS_TYPE = [
  'map(object({',
  '    family             = string',
  '    execution_role_arn = string',
  '    task_role_arn      = string',
  '    container          = string',
  '  }))',
].join('\n');

/**
 * All tasks of `var.tasks` as one runnable task whose family and role ARNs are lists known to
 * Terraform: the runner's policy then holds RunTask on each family and PassRole of each role.
 */
function tasksOfVariable(context: AwsContext): IRunnableTask {
  const families = listExpression('[for task in values(var.tasks) : task.family]');
  const task: IRunnableTask = {
    family: families[0],
    arnForPolicies: mapItems(families, (family) =>
      context.arn('ecs', `task-definition/${family}:*`),
    )[0],
    executionRoleArnForPolicies: listExpression(
      '[for task in values(var.tasks) : task.execution_role_arn]',
    )[0],
    taskRoleArnForPolicies: listExpression(
      '[for task in values(var.tasks) : task.task_role_arn]',
    )[0],
    overrideContainerName: stringExpression('null'),
    grantRun: (grantee, cluster) => grantRunTask(task, grantee, cluster),
  };
  return task;
}

/**
 * The runner as a Terraform module, bound to task definitions by family and role ARNs (the
 * outputs of the `fargate-task-definition` module). Failed asynchronous invocations go to a
 * dead-letter queue; schedules, event triggers, task tags, describe and tracing stay construct
 * options for now.
 */
export const lambdaRunnerModule = defineModule({
  name: 'lambda-runner',
  description: [
    'A Lambda function that starts Fargate tasks, holding exactly the permissions that takes:',
    '`ecs:RunTask` on `task-definition/<family>:*` of each bound task, only in the given cluster,',
    '`iam:PassRole` of exactly their execution and task roles, only to `ecs-tasks.amazonaws.com`,',
    'its own logs and its dead-letter queue. The handler (bundled, deterministic zip) ships in the',
    'module as `runner.zip`. Invoke it with `{ "task": "<name>" }` (see the project README).',
  ].join('\n'),
  variables: {
    function_name: Inputs.string({
      description: 'Name of the function: 1 to 64 letters, digits, - and _. Also names its role.',
      example: 'jobs-prod-runner',
      validation: [
        Check.pattern(
          Patterns.functionName.pattern.source,
          'function_name must be 1 to 64 letters, digits, - and _.',
        ),
        {
          condition: 'length({name}) <= 59',
          errorMessage:
            'function_name must be at most 59 characters: its role is <function_name>-role.',
        },
      ],
    }),
    cluster_name: Inputs.string({
      description: 'Name of the cluster the tasks run in; the runner may run them in no other.',
      example: 'jobs-prod',
      validation: [
        Check.pattern(
          '^[A-Za-z0-9_-]{1,255}$',
          'cluster_name must be 1 to 255 letters, digits, - and _.',
        ),
      ],
    }),
    tasks: Inputs.structured(TASKS_TYPE, {
      description:
        'The tasks the runner may start, by the name an invocation uses ({ "task": "<name>" }): the family, execution role ARN and task role ARN of each (outputs of the fargate-task-definition module), and the container that command and environment overrides apply to.',
      example: {
        report: {
          family: 'jobs-prod-report',
          execution_role_arn: 'arn:aws:iam::123456789012:role/jobs-prod-report-execution',
          task_role_arn: 'arn:aws:iam::123456789012:role/jobs-prod-report-task',
          container: 'report',
        },
      },
      validation: [
        { condition: 'length({name}) > 0', errorMessage: 'tasks must name at least one task.' },
        eachTask(matches(NAME, 'name'), 'Each task name must be 1 to 64 letters, digits, - and _.'),
        eachTask(
          matches(FAMILY, 'task.family'),
          'Each family must be 1 to 255 letters, digits, - and _.',
        ),
        eachTask(
          `${matches(arnPattern(ArnKinds.iamRole), 'task.execution_role_arn')} && ${matches(arnPattern(ArnKinds.iamRole), 'task.task_role_arn')}`,
          `Each execution_role_arn and task_role_arn must be an IAM role ARN, such as ${ArnKinds.iamRole.example}.`,
        ),
        eachTask(
          'task.execution_role_arn != task.task_role_arn',
          'A task role must be distinct from the execution role.',
        ),
        eachTask(
          matches(FAMILY, 'task.container'),
          'Each container must be 1 to 255 letters, digits, - and _.',
        ),
      ],
    }),
    subnet_ids: Inputs.stringList({
      description: 'Subnets of the tasks (subnet-…).',
      example: ['subnet-0123456789abcdef0'],
      validation: [
        { condition: 'length({name}) > 0', errorMessage: 'subnet_ids must not be empty.' },
        Check.eachPattern(
          Patterns.subnetId.pattern.source,
          'Each subnet ID must look like subnet-0123456789abcdef0.',
        ),
      ],
    }),
    security_group_ids: Inputs.stringList({
      description: 'Security groups of the tasks (sg-…).',
      example: ['sg-0123456789abcdef0'],
      validation: [
        { condition: 'length({name}) > 0', errorMessage: 'security_group_ids must not be empty.' },
        Check.eachPattern(
          '^sg-[0-9a-f]{8,17}$',
          'Each security group ID must look like sg-0123456789abcdef0.',
        ),
      ],
    }),
    assign_public_ip: Inputs.bool({
      description:
        'Give tasks a public IP (needed in public subnets without a NAT gateway to pull images).',
      default: false,
    }),
    platform_version: Inputs.string({
      description: 'Fargate platform version.',
      default: 'LATEST',
      validation: [
        Check.pattern(
          '^(?:LATEST|\\d+\\.\\d+\\.\\d+)$',
          'platform_version must be LATEST or a version such as 1.4.0.',
        ),
      ],
    }),
    propagate_tags: Inputs.string({
      description: "Copy the task definition's tags to the tasks: TASK_DEFINITION or NONE.",
      default: 'TASK_DEFINITION',
      validation: [
        Check.oneOf(['TASK_DEFINITION', 'NONE'], 'propagate_tags must be TASK_DEFINITION or NONE.'),
      ],
    }),
    enable_execute_command: Inputs.bool({
      description:
        'Start tasks with ECS Exec enabled (the task roles also need the ECS Exec permissions).',
      default: false,
    }),
    runtime: Inputs.string({
      description: `Node.js runtime of the function: ${RUNNER_RUNTIMES.join(' or ')}.`,
      default: 'nodejs22.x',
      validation: [
        Check.oneOf(RUNNER_RUNTIMES, `runtime must be one of ${RUNNER_RUNTIMES.join(', ')}.`),
      ],
    }),
    architecture: Inputs.string({
      description: 'Architecture of the function: arm64 or x86_64.',
      default: 'arm64',
      validation: [Check.oneOf(['arm64', 'x86_64'], 'architecture must be arm64 or x86_64.')],
    }),
    memory_mib: Inputs.number({
      description: 'Memory of the function in MiB, 128 to 10240.',
      default: 256,
      validation: [Check.range(128, 10240, 'memory_mib must be a whole number from 128 to 10240.')],
    }),
    timeout_seconds: Inputs.number({
      description: 'Timeout of the function in seconds, 1 to 900.',
      default: 30,
      validation: [Check.range(1, 900, 'timeout_seconds must be a whole number from 1 to 900.')],
    }),
    log_retention_days: Inputs.number({
      description: 'Retention of the log group /aws/lambda/<function_name>, in days.',
      default: 30,
      validation: [
        Check.oneOf(
          LOG_RETENTION_DAYS,
          `log_retention_days must be one of ${LOG_RETENTION_DAYS.join(', ')}.`,
        ),
      ],
    }),
    reserved_concurrency: Inputs.number({
      description:
        'Reserved concurrency, which also caps how many invocations run at once; null for unreserved.',
      default: null,
      validation: [
        Check.range(0, 10000, 'reserved_concurrency must be a whole number from 0 to 10000.'),
      ],
    }),
    maximum_retry_attempts: Inputs.number({
      description: 'Retries of a failed asynchronous invocation, 0 to 2.',
      default: 2,
      validation: [Check.range(0, 2, 'maximum_retry_attempts must be 0, 1 or 2.')],
    }),
    maximum_event_age_seconds: Inputs.number({
      description: 'Maximum age of an asynchronous event, 60 to 21600 seconds.',
      default: 21600,
      validation: [
        Check.range(
          60,
          21600,
          'maximum_event_age_seconds must be a whole number from 60 to 21600.',
        ),
      ],
    }),
    ...roleOptionVariables(),
    tags: Inputs.stringMap({
      description:
        "Tags of the function, its role, log group and queue, in addition to the provider's default tags.",
      default: {},
    }),
  },
  files: () => ({ [CODE_FILE]: readFileSync(cachedRunnerBundle().zipPath) }),
  build(scope, inputs) {
    const context = AwsContext.of(scope);
    const props: LambdaRunnerProps = {
      functionName: inputs.function_name,
      cluster: {
        clusterName: inputs.cluster_name,
        arnForPolicies: context.arn('ecs', `cluster/${inputs.cluster_name}`),
      },
      // One entry standing for every task of var.tasks; the name is the construct's only.
      tasks: { tasks: tasksOfVariable(context) },
      subnetIds: inputs.subnet_ids,
      securityGroupIds: inputs.security_group_ids,
      assignPublicIp: inputs.assign_public_ip,
      platformVersion: inputs.platform_version,
      propagateTags: inputs.propagate_tags as never,
      enableExecuteCommand: inputs.enable_execute_command,
      runtime: inputs.runtime as never,
      architecture: inputs.architecture as never,
      memoryMiB: inputs.memory_mib,
      timeoutSeconds: inputs.timeout_seconds,
      logRetentionDays: inputs.log_retention_days,
      reservedConcurrency: inputs.reserved_concurrency,
      maximumRetryAttempts: inputs.maximum_retry_attempts,
      maximumEventAgeSeconds: inputs.maximum_event_age_seconds,
      roleOptions: {
        path: inputs.path,
        permissionsBoundaryArn: inputs.permissions_boundary_arn,
        maxSessionDurationSeconds: inputs.max_session_duration_seconds,
        tags: inputs.tags,
      },
      tags: inputs.tags,
    };
    const runner = new LambdaRunner(scope, 'this', props);
    // The task names and the handler's allow-list come from the map, which Terraform knows.
    const config = {
      ...runnerConfig(props),
      tasks: Token.asAny(
        terraformExpression(
          '{for name, task in var.tasks : name => {taskDefinition = task.family, container = task.container}}',
        ),
      ),
    };
    runner.function.addOverride('environment.variables.RUNNER_CONFIG', Fn.jsonencode(config));
    runner.function.addOverride(
      'description',
      'Starts Fargate tasks: ${join(", ", sort(keys(var.tasks)))}',
    );
    runner.function.addOverride('filename', `\${path.module}/${CODE_FILE}`);
    return {
      function_name: { value: runner.function.functionName, description: 'Name of the function.' },
      function_arn: { value: runner.functionArn, description: 'ARN of the function.' },
      role_arn: { value: runner.roleArn, description: "ARN of the function's role." },
      dead_letter_queue_arn: {
        value: runner.deadLetterQueueArn!,
        description: 'ARN of the queue that receives failed asynchronous invocations.',
      },
    };
  },
});

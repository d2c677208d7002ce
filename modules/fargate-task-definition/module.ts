import { FARGATE_CPU_SIZES, FARGATE_MEMORY_BY_CPU } from '../../src/aws/fargate';
import { LOG_RETENTION_DAYS } from '../../src/aws/logs';
import { defineModule } from '../../src/publish/definition';
import { Check, hclLiteral, Inputs, whenSet } from '../../src/publish/variables';
import { AwsContext } from '../../src/aws/context';
import { listExpression, stringExpression } from '../../src/publish/expression';
import { givenRoleVariables, replaceableRole } from '../../src/publish/given-role';
import { ROLE_NAME_MAX_LENGTH } from '../../src/naming';
import { TaskExecutionRole } from '../task-execution-role';
import {
  CONTAINERS_TYPE,
  containerDefinitions,
  containerValidations,
  OVERRIDE_CONTAINER,
  PARAMETER_ARNS,
  REPOSITORY_ARNS,
  SECRET_ARNS,
} from './module-containers';
import { FargateTaskDefinition } from '.';

const MEMORY_TABLE = `{${Object.entries(FARGATE_MEMORY_BY_CPU)
  .map(([cpu, memories]) => `"${cpu}" = ${hclLiteral(memories)}`)
  .join(', ')}}`;
const NAME = '^[A-Za-z0-9_-]{1,255}$';
const EXECUTION_ROLE = givenRoleVariables(
  'execution_role',
  'execution role',
  'E.g. one shared by several task definitions, from the task-execution-role module: what the containers use is attached to it as the policy task-definition-<family>.',
);
const TASK_ROLE = givenRoleVariables(
  'task_role',
  'task role',
  "E.g. from the task-role module, with the application's permissions.",
);

/** Without a given `<role>_role_name`, the role the module creates, `<family>-<role>`, fits IAM's 64 characters. */
const createdRoleNameFits = (role: 'execution' | 'task') => ({
  condition: whenSet(
    'var.family',
    `{name} != null ? true : length("\${var.family}-${role}") <= ${ROLE_NAME_MAX_LENGTH}`,
  ),
  errorMessage: `family is too long to name the ${role} role the module creates (<family>-${role}, ${ROLE_NAME_MAX_LENGTH} characters at most): shorten it or give ${role}_role_name.`,
});

/**
 * A Fargate task definition as a Terraform module, with the execution role and task role it
 * creates: the execution role may pull exactly the containers' repositories, read exactly
 * their secrets and write exactly the task's log group. The containers are a list variable,
 * so `container_definitions` and the role's resources are Terraform expressions over it.
 */
export const fargateTaskDefinitionModule = defineModule({
  name: 'fargate-task-definition',
  description: [
    'A Fargate task definition (Linux, `awsvpc`) with its log group, its **execution role** granted',
    'exactly what its containers use (pull on their ECR repositories, read their secrets, write to',
    "its log group) and its **task role** (no permissions: attach the application's to",
    '`task_role_name`). Both roles trust `ecs-tasks.amazonaws.com` only for tasks of this account and',
    'region. Give `execution_role_name`/`_arn` (e.g. a role shared by several task definitions) or',
    '`task_role_name`/`_arn` (e.g. from the `task-role` module) to use existing roles instead: what',
    'the containers use is then attached to the given execution role as its own policy.',
  ].join('\n'),
  variables: {
    family: Inputs.string({
      description:
        'Family name: 1 to 255 letters, digits, - and _. Also names the roles and the log group.',
      example: 'jobs-prod-report',
      // Whether family is short enough to name the roles is checked on the role name inputs:
      // a validation here reading them, and theirs reading family, would be a cycle.
      validation: [Check.pattern(NAME, 'family must be 1 to 255 letters, digits, - and _.')],
    }),
    cpu: Inputs.number({
      description: 'Task CPU units: 256, 512, 1024, 2048, 4096, 8192 or 16384 (1024 = 1 vCPU).',
      example: 512,
      validation: [
        Check.oneOf(FARGATE_CPU_SIZES, `cpu must be one of ${FARGATE_CPU_SIZES.join(', ')}.`),
      ],
    }),
    memory_mib: Inputs.number({
      description: "Task memory in MiB; the valid values depend on cpu (Fargate's table).",
      example: 1024,
      validation: [
        {
          condition: `contains(lookup(${MEMORY_TABLE}, tostring(var.cpu), []), {name})`,
          errorMessage: `memory_mib is not a Fargate memory size for this cpu: ${Object.entries(
            FARGATE_MEMORY_BY_CPU,
          )
            .map(([cpu, m]) => `${cpu} → ${m[0]}–${m[m.length - 1]}`)
            .join('; ')} MiB.`,
        },
      ],
    }),
    cpu_architecture: Inputs.string({
      description: 'CPU architecture, X86_64 or ARM64 (the image must be built for it).',
      default: 'X86_64',
      validation: [Check.oneOf(['X86_64', 'ARM64'], 'cpu_architecture must be X86_64 or ARM64.')],
    }),
    containers: Inputs.structured(CONTAINERS_TYPE, {
      description: [
        'The containers, 1 to 10, at least one essential. The execution role may pull exactly their',
        'repository_arn (ECR) and read exactly their secrets (name → Secrets Manager secret ARN, with',
        'an optional :json-key:version-stage:version-id, or SSM parameter ARN).',
      ].join(' '),
      example: [
        {
          name: 'report',
          image: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/report:1.4.2',
          repository_arn: 'arn:aws:ecr:eu-west-1:123456789012:repository/report',
          environment: { MODE: 'daily' },
        },
      ],
      validation: containerValidations,
    }),
    log_retention_days: Inputs.number({
      description: 'Retention of the log group /ecs/<family>, in days.',
      default: 30,
      validation: [
        Check.oneOf(
          LOG_RETENTION_DAYS,
          `log_retention_days must be one of ${LOG_RETENTION_DAYS.join(', ')}.`,
        ),
      ],
    }),
    execution_role_name: {
      ...EXECUTION_ROLE.execution_role_name,
      validation: [
        ...EXECUTION_ROLE.execution_role_name.validation!,
        createdRoleNameFits('execution'),
      ],
    },
    execution_role_arn: EXECUTION_ROLE.execution_role_arn,
    task_role_name: {
      ...TASK_ROLE.task_role_name,
      validation: [
        ...TASK_ROLE.task_role_name.validation!,
        createdRoleNameFits('task'),
        {
          condition:
            'coalesce({name}, "${var.family}-task") != coalesce(var.execution_role_name, "${var.family}-execution")',
          errorMessage:
            'The task role must not be the execution role: the application must not hold the permissions the ECS agent uses to pull images and read secrets.',
        },
      ],
    },
    task_role_arn: TASK_ROLE.task_role_arn,
    tags: Inputs.stringMap({
      description:
        "Tags of the task definition and its log group, in addition to the provider's default tags.",
      default: {},
    }),
  },
  build(scope, inputs) {
    // The execution role is granted what var.containers use, as lists Terraform computes.
    const executionRole = new TaskExecutionRole(scope, 'execution', {
      roleName: `${inputs.family}-execution`,
      repositoryArns: listExpression(REPOSITORY_ARNS),
      secretArns: listExpression(SECRET_ARNS),
      parameterArns: listExpression(PARAMETER_ARNS),
      usesPublicImages: true,
    });
    const task = new FargateTaskDefinition(scope, 'this', {
      family: inputs.family,
      cpu: inputs.cpu,
      memoryMiB: inputs.memory_mib,
      cpuArchitecture: inputs.cpu_architecture as never,
      // One container standing for var.containers; container_definitions is theirs (below).
      containers: [{ name: stringExpression(OVERRIDE_CONTAINER), image: stringExpression('null') }],
      executionRole,
      logging: { retentionDays: inputs.log_retention_days },
      tags: inputs.tags,
    });
    task.resource.addOverride(
      'container_definitions',
      `\${${containerDefinitions(task.logGroupName, AwsContext.of(scope).region)}}`,
    );
    const execution = replaceableRole(
      executionRole.role,
      'execution_role',
      'task-definition-${var.family}',
    );
    const taskRole = replaceableRole(task.taskRole.role, 'task_role', 'application');
    task.resource.addOverride('execution_role_arn', execution.arn);
    task.resource.addOverride('task_role_arn', taskRole.arn);
    return {
      task_definition_arn: {
        value: task.taskDefinitionArn,
        description: 'ARN of the task definition, with its revision.',
      },
      family: { value: task.resource.family, description: 'Family of the task definition.' },
      execution_role_arn: { value: execution.arn, description: 'ARN of the execution role.' },
      execution_role_name: { value: execution.name, description: 'Name of the execution role.' },
      task_role_arn: { value: taskRole.arn, description: 'ARN of the task role.' },
      task_role_name: {
        value: taskRole.name,
        description:
          "Name of the task role: attach the application's permissions to it (or give task_role_name, e.g. from the task-role module).",
      },
      log_group_name: { value: task.logGroupName, description: 'Log group of the containers.' },
      container_name: {
        value: task.overrideContainerName,
        description: "The container a runner's command and environment overrides apply to.",
      },
    };
  },
});

import { FARGATE_CPU_SIZES, FARGATE_MEMORY_BY_CPU } from '../../src/aws/fargate';
import { LOG_RETENTION_DAYS } from '../../src/aws/logs';
import { defineModule } from '../../src/publish/definition';
import { Check, hclLiteral, Inputs } from '../../src/publish/variables';
import { AwsContext } from '../../src/aws/context';
import { listExpression, stringExpression } from '../../src/publish/expression';
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
    'its log group) and its',
    "**task role** (no permissions: attach the application's to `task_role_name`). Both roles trust",
    '`ecs-tasks.amazonaws.com` only for tasks of this account and region.',
  ].join('\n'),
  variables: {
    family: Inputs.string({
      description:
        'Family name: 1 to 255 letters, digits, - and _. Also names the roles and the log group.',
      example: 'jobs-prod-report',
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
    return {
      task_definition_arn: {
        value: task.taskDefinitionArn,
        description: 'ARN of the task definition, with its revision.',
      },
      family: { value: task.resource.family, description: 'Family of the task definition.' },
      execution_role_arn: {
        value: executionRole.roleArn,
        description: 'ARN of the execution role.',
      },
      task_role_arn: { value: task.taskRole.roleArn, description: 'ARN of the task role.' },
      task_role_name: {
        value: task.taskRole.role.resource.name,
        description: "Name of the task role: attach the application's permissions to it.",
      },
      log_group_name: { value: task.logGroupName, description: 'Log group of the containers.' },
      container_name: {
        value: task.overrideContainerName,
        description: "The container a runner's command and environment overrides apply to.",
      },
    };
  },
});

import { isRecord, isUnknown, type Config, type TerraformResource } from '../model/terraform';
import { type StackModel } from '../model/stack';
import { type Rule, type RuleResult } from '../types';
import { describeCredentials } from './credentials';

type Containers = { containers: Config[] } | { problem: string };

/** The containers of a task definition: `container_definitions` is a JSON string. */
export function containersOf(taskDefinition: TerraformResource): Containers {
  const text = taskDefinition.config.container_definitions;
  if (isUnknown(text)) {
    return { problem: 'container_definitions is unknown until apply (after_unknown in the plan)' };
  }
  if (typeof text !== 'string') return { problem: 'container_definitions is not a JSON string' };
  try {
    const parsed: unknown = JSON.parse(text);
    if (Array.isArray(parsed)) return { containers: parsed.filter(isRecord) };
  } catch {
    // Reported below.
  }
  return { problem: 'container_definitions is not a JSON array (a Terraform expression?)' };
}

/** Runs a check on every readable container of every task definition. */
function eachContainer(
  stack: StackModel,
  check: (container: Config, name: string) => string | undefined,
): RuleResult[] {
  return stack.ofType('aws_ecs_task_definition').flatMap((taskDefinition) => {
    const reading = containersOf(taskDefinition);
    if ('problem' in reading) return [];
    return reading.containers.flatMap((container) => {
      const message = check(container, String(container.name ?? '?'));
      return message ? [{ address: taskDefinition.address, message }] : [];
    });
  });
}

/** Container definitions that cannot be read were not checked. */
export const containersUnreadable: Rule = {
  id: 'FR-ECS-CONTAINERS-UNREADABLE',
  severity: 'error',
  rationale:
    'container definitions the checks cannot read (jsonencode, unknown until apply) were not checked for privileges, logging and plaintext credentials: the checks fail closed',
  anchors: ['project rule'],
  check: (stack) =>
    stack.ofType('aws_ecs_task_definition').flatMap((taskDefinition) => {
      const reading = containersOf(taskDefinition);
      return 'problem' in reading
        ? [
            {
              address: taskDefinition.address,
              message: `${reading.problem}: its containers were not checked`,
            },
          ]
        : [];
    }),
};

/** One role for both lets the application act as the agent (pull images, read every secret) and the agent as the application. */
export const sharedExecutionAndTaskRole: Rule = {
  id: 'FR-ECS-SHARED-EXECUTION-TASK-ROLE',
  severity: 'error',
  rationale:
    'a task definition whose execution role is its task role gives the application the agent permissions (every secret of the task) and vice versa',
  anchors: ['checkov CKV_AWS_249'],
  check: (stack) =>
    stack.ofType('aws_ecs_task_definition').flatMap(({ address, config }) =>
      typeof config.execution_role_arn === 'string' &&
      config.execution_role_arn === config.task_role_arn
        ? [
            {
              address,
              message: `uses ${config.execution_role_arn} as both execution_role_arn and task_role_arn: give the application its own task role`,
            },
          ]
        : [],
    ),
};

export const containerWithoutLogging: Rule = {
  id: 'FR-ECS-CONTAINER-NO-LOGGING',
  severity: 'error',
  rationale:
    'a container without a log configuration loses its output: failures of a task cannot be investigated',
  anchors: ['cdk-nag AwsSolutions-ECS7'],
  check: (stack) =>
    eachContainer(stack, (container, name) =>
      isRecord(container.logConfiguration) && container.logConfiguration.logDriver
        ? undefined
        : `container "${name}" has no logConfiguration: send its output to CloudWatch Logs (awslogs)`,
    ),
};

export const containerWritableRoot: Rule = {
  id: 'FR-ECS-CONTAINER-WRITABLE-ROOT',
  severity: 'warning',
  rationale:
    'a writable root filesystem lets an intruder change the container binaries and persist tools; mount volumes for the paths the app writes',
  anchors: ['checkov CKV_AWS_336'],
  check: (stack) =>
    eachContainer(stack, (container, name) =>
      container.readonlyRootFilesystem === true
        ? undefined
        : `container "${name}" has a writable root filesystem: set readonlyRootFilesystem to true`,
    ),
};

export const containerPrivileged: Rule = {
  id: 'FR-ECS-CONTAINER-PRIVILEGED',
  severity: 'error',
  rationale:
    'a privileged container has root on the host (Fargate rejects it; on EC2 it escapes the task)',
  anchors: ['checkov CKV_AWS_334 (related: non-privileged containers)'],
  check: (stack) =>
    eachContainer(stack, (container, name) =>
      container.privileged === true
        ? `container "${name}" is privileged: remove privileged`
        : undefined,
    ),
};

export const plaintextSecret: Rule = {
  id: 'FR-ECS-PLAINTEXT-SECRET',
  severity: 'error',
  rationale:
    'credentials in plain environment variables (by name, or by value: AWS keys, URLs with a password, private keys) are readable by anyone who can describe the task definition, and in the Terraform state',
  anchors: [
    'trivy AVD-AWS-0036',
    'cdk-nag AwsSolutions-ECS2 (narrower: only credential-like names)',
  ],
  check: (stack) =>
    eachContainer(stack, (container, name) => {
      const variables = (Array.isArray(container.environment) ? container.environment : [])
        .filter(isRecord)
        .filter((v) => typeof v.name === 'string' && typeof v.value === 'string')
        .map((v) => [String(v.name), String(v.value)] as const);
      const found = describeCredentials(variables);
      return found.length === 0
        ? undefined
        : `container "${name}" has credentials in plain environment variables (${found.join(', ')}): pass them as secrets (valueFrom a Secrets Manager or SSM ARN)`;
    }),
};

import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { EcsTaskDefinition } from '@cdktf/provider-aws/lib/ecs-task-definition';
import { ArnKinds, checkArn, checkArns } from '../../src/aws/arn';
import { AwsContext } from '../../src/aws/context';
import { fargateSizeProblem } from '../../src/aws/fargate';
import { parseImage } from '../../src/aws/image';
import { checkLogGroupName, checkRetentionDays } from '../../src/aws/logs';
import { Problems } from '../../src/errors';
import { escapeTemplateSyntax } from '../../src/iam/escape';
import { type Grant, type IGrantable } from '../../src/iam/grant';
import { type RoleOptions } from '../../src/iam/service-role';
import { checkRoleName } from '../../src/naming';
import { checkTags } from '../../src/tags';
import { Ranges } from '../../src/aws/ranges';
import { checkInteger, checkOneOf, checkPattern, checkRule } from '../../src/validation';
import { Patterns } from '../../src/aws/patterns';
import { type ICluster } from '../ecs-cluster';
import { TaskExecutionRole, type ExecutionRolePolicyMode } from '../task-execution-role';
import { TaskRole, type TaskRoleProps } from '../task-role';
import { checkContainer, type ContainerDefinition } from './container';
import { renderContainer } from './render';
import { grantRunTask, type IRunnableTask } from './runnable';

export * from './container';
export * from './runnable';
export { runStatements } from './statements';

/** CPU architecture of a Linux Fargate task. */
export type CpuArchitecture = 'X86_64' | 'ARM64';

/** Where the containers' logs go. */
export interface TaskLogging {
  /**
   * An existing log group to write to; the module then creates none.
   *
   * @default - a log group `/ecs/<family>` created by the module
   */
  readonly logGroupName?: string;
  /**
   * Retention of the created log group, in days.
   *
   * @default 30
   */
  readonly retentionDays?: number;
  /**
   * KMS key that encrypts the created log group (its key policy must allow CloudWatch Logs).
   *
   * @default - CloudWatch Logs' own encryption
   */
  readonly kmsKeyArn?: string;
  /**
   * Prefix of the log streams: `<prefix>/<container>/<task-id>`.
   *
   * @default - the family
   */
  readonly streamPrefix?: string;
}

/** Properties of a {@link FargateTaskDefinition}. */
export interface FargateTaskDefinitionProps {
  /** Family name: 1 to 255 letters, digits, `-` and `_`. */
  readonly family: string;
  /** Task CPU units: 256, 512, 1024, 2048, 4096, 8192 or 16384 (1024 = 1 vCPU). */
  readonly cpu: number;
  /** Task memory in MiB; the valid values depend on `cpu` (Fargate's table). */
  readonly memoryMiB: number;
  /**
   * CPU architecture (the images must be built for it).
   *
   * @default 'X86_64'
   */
  readonly cpuArchitecture?: CpuArchitecture;
  /**
   * Ephemeral storage, 21 to 200 GiB.
   *
   * @default - Fargate's 20 GiB
   */
  readonly ephemeralStorageGiB?: number;
  /** The containers, 1 to 10; at least one essential. */
  readonly containers: readonly ContainerDefinition[];
  /**
   * Logging of all containers with the awslogs driver.
   *
   * @default - a log group `/ecs/<family>` with 30 days' retention
   */
  readonly logging?: TaskLogging;
  /**
   * The execution role, e.g. one shared by several task definitions; the task definition
   * grants it what its containers use.
   *
   * @default - a role created for this family
   */
  readonly executionRole?: TaskExecutionRole;
  /**
   * Name of the execution role created for this family.
   *
   * @default `<family>-execution`
   */
  readonly executionRoleName?: string;
  /**
   * Policy mode of the execution role created for this family.
   *
   * @default 'minimal'
   */
  readonly executionRolePolicyMode?: ExecutionRolePolicyMode;
  /**
   * The task role (the application's permissions).
   *
   * @default - a role created for this family with `taskRolePermissions`
   */
  readonly taskRole?: TaskRole;
  /**
   * Name of the task role created for this family.
   *
   * @default `<family>-task`
   */
  readonly taskRoleName?: string;
  /**
   * Permissions of the task role created for this family.
   *
   * @default - none: the application calls no AWS API
   */
  readonly taskRolePermissions?: Omit<TaskRoleProps, 'roleName' | keyof RoleOptions>;
  /**
   * Path, permissions boundary, session duration and tags of the roles created for this family.
   *
   * @default - the defaults of the role modules
   */
  readonly roleOptions?: RoleOptions;
  /**
   * Customer managed KMS keys that encrypt the containers' secrets: the execution role may
   * decrypt with them through Secrets Manager or SSM only.
   *
   * @default - none (the AWS managed keys need no permission)
   */
  readonly secretsKmsKeyArns?: readonly string[];
  /**
   * Tags for the task definition and its log group, in addition to the provider's default tags.
   *
   * @default - none
   */
  readonly tags?: Readonly<Record<string, string>>;
}

const MAX_CONTAINERS = 10;

/**
 * A Fargate task definition (Linux, awsvpc) whose execution role is granted exactly what its
 * containers use: pull on the ECR repositories of their images, write on its log group, read
 * on the secrets and parameters they reference. `grantRun` gives a runner exactly RunTask of
 * this family in one cluster and PassRole of exactly its two roles.
 */
export class FargateTaskDefinition extends Construct implements IRunnableTask {
  /** The `aws_ecs_task_definition`. */
  readonly resource: EcsTaskDefinition;
  readonly family: string;
  /** ARN with revision (`…:task-definition/<family>:<revision>`), a reference to the resource. */
  readonly taskDefinitionArn: string;
  /** ARN without revision, a reference to the resource. */
  readonly arnWithoutRevision: string;
  /** `…:task-definition/<family>:*` built from the family: every revision, for policies. */
  readonly arnForPolicies: string;
  readonly executionRole: TaskExecutionRole;
  readonly taskRole: TaskRole;
  /** The log group all containers write to. */
  readonly logGroupName: string;
  /** The containers' names, in order. */
  readonly containerNames: readonly string[];
  /** The container that a runner's command and environment overrides apply to: the first essential one. */
  readonly overrideContainerName: string;
  /** The essential containers' names, in order: the task stops when one of them stops. */
  readonly essentialContainerNames: readonly string[];

  constructor(scope: Construct, id: string, props: FargateTaskDefinitionProps) {
    super(scope, id);
    checkProps(props).throwIfAny(this.node.path);

    const context = AwsContext.of(this);
    this.family = props.family;
    this.containerNames = props.containers.map((c) => c.name);
    this.overrideContainerName = props.containers.find((c) => c.essential ?? true)!.name;
    this.essentialContainerNames = props.containers
      .filter((c) => c.essential ?? true)
      .map((c) => c.name);
    this.arnForPolicies = context.arn('ecs', `task-definition/${props.family}:*`);

    this.executionRole =
      props.executionRole ??
      new TaskExecutionRole(this, 'ExecutionRole', {
        ...props.roleOptions,
        roleName: props.executionRoleName ?? `${props.family}-execution`,
        policyMode: props.executionRolePolicyMode,
      });
    this.taskRole =
      props.taskRole ??
      new TaskRole(this, 'TaskRole', {
        ...props.roleOptions,
        ...props.taskRolePermissions,
        roleName: props.taskRoleName ?? `${props.family}-task`,
      });

    const logging = props.logging ?? {};
    this.logGroupName = logging.logGroupName ?? `/ecs/${props.family}`;
    if (logging.logGroupName === undefined) {
      new CloudwatchLogGroup(this, 'LogGroup', {
        name: this.logGroupName,
        retentionInDays: logging.retentionDays ?? 30,
        kmsKeyId: logging.kmsKeyArn,
        tags: props.tags,
      });
    }
    this.grantWhatContainersUse(props);

    const logs = {
      logGroupName: this.logGroupName,
      region: context.region,
      streamPrefix: logging.streamPrefix ?? props.family,
    };
    this.resource = new EcsTaskDefinition(this, 'Resource', {
      family: props.family,
      cpu: numberString(props.cpu),
      memory: numberString(props.memoryMiB),
      networkMode: 'awsvpc',
      requiresCompatibilities: ['FARGATE'],
      runtimePlatform: {
        operatingSystemFamily: 'LINUX',
        cpuArchitecture: props.cpuArchitecture ?? 'X86_64',
      },
      ...(props.ephemeralStorageGiB !== undefined && {
        ephemeralStorage: { sizeInGib: props.ephemeralStorageGiB },
      }),
      executionRoleArn: this.executionRole.roleArn,
      taskRoleArn: this.taskRole.roleArn,
      // Literal `${…}` in values (an environment value, a shell command) must reach ECS as is.
      containerDefinitions: escapeTemplateSyntax(
        JSON.stringify(props.containers.map((container) => renderContainer(container, logs))),
      ),
      tags: props.tags,
    });
    this.taskDefinitionArn = this.resource.arn;
    this.arnWithoutRevision = this.resource.arnWithoutRevision;
  }

  /**
   * Grants `grantee` (a runner) what starting this task in `cluster` takes, nothing more:
   * `ecs:RunTask` on every revision of this family with an `ecs:cluster` ArnEquals condition,
   * and `iam:PassRole` on exactly this task definition's execution and task roles, only to
   * `ecs-tasks.amazonaws.com`.
   */
  grantRun(grantee: IGrantable, cluster: ICluster): Grant {
    return grantRunTask(this, grantee, cluster);
  }

  get executionRoleArnForPolicies(): string {
    return this.executionRole.arnForPolicies;
  }

  get taskRoleArnForPolicies(): string {
    return this.taskRole.arnForPolicies;
  }

  private grantWhatContainersUse(props: FargateTaskDefinitionProps): void {
    const role = this.executionRole;
    role.grantLogWrite(this.logGroupName);
    for (const container of props.containers) {
      const image = parseImage(container.image);
      if (container.repositoryArn) role.grantPull(container.repositoryArn);
      else if (typeof image === 'object' && image.kind === 'ecr')
        role.grantPull(image.repositoryArn);
      else if (typeof image === 'object') role.notePublicImage(container.image);
      if (container.repositoryCredentialsSecretArn)
        role.grantRegistryCredentials(container.repositoryCredentialsSecretArn);
      for (const valueFrom of Object.values(container.secrets ?? {}))
        role.grantSecretRead(valueFrom);
    }
    props.secretsKmsKeyArns?.forEach((key) => role.grantDecrypt(key));
  }
}

/** ECS takes cpu and memory as strings; a number token stays a reference. */
const numberString = (value: number) =>
  Token.isUnresolved(value) ? Token.asString(value) : String(value);

function checkProps(props: FargateTaskDefinitionProps): Problems {
  const problems = new Problems();
  checkRule(problems, 'family', props.family, Patterns.ecsName);
  const sized = !Token.isUnresolved(props.cpu) && !Token.isUnresolved(props.memoryMiB);
  const size = sized ? fargateSizeProblem(props.cpu, props.memoryMiB) : undefined;
  if (size) {
    problems.add({
      property: size.property,
      received: size.property === 'cpu' ? props.cpu : props.memoryMiB,
      reason:
        size.property === 'cpu'
          ? 'is not a Fargate CPU size'
          : `is not a Fargate memory size for cpu ${props.cpu}`,
      allowed: size.allowed,
    });
  }
  checkOneOf(problems, 'cpuArchitecture', props.cpuArchitecture, ['X86_64', 'ARM64']);
  checkInteger(
    problems,
    'ephemeralStorageGiB',
    props.ephemeralStorageGiB,
    ...Ranges.fargateEphemeralStorageGiB,
  );
  checkContainers(problems, props);
  if (props.logging) {
    checkLogGroupName(problems, 'logging.logGroupName', props.logging.logGroupName);
    checkRetentionDays(problems, 'logging.retentionDays', props.logging.retentionDays);
    checkArn(problems, 'logging.kmsKeyArn', props.logging.kmsKeyArn, ArnKinds.kmsKey);
    checkPattern(
      problems,
      'logging.streamPrefix',
      props.logging.streamPrefix,
      /^[^:*]{1,512}$/,
      'up to 512 characters without : or *',
    );
    const reused =
      props.logging.logGroupName !== undefined &&
      (props.logging.retentionDays ?? props.logging.kmsKeyArn) !== undefined;
    problems.check(!reused, {
      property: 'logging',
      received: props.logging,
      reason: 'sets retention or a key for a log group the module does not create',
      allowed:
        'either logGroupName (an existing group) or retentionDays/kmsKeyArn (for the created group)',
    });
  }
  checkRoles(problems, props);
  checkArns(problems, 'secretsKmsKeyArns', props.secretsKmsKeyArns, ArnKinds.kmsKey);
  checkTags(problems, 'tags', props.tags);
  return problems;
}

function checkRoles(problems: Problems, props: FargateTaskDefinitionProps): void {
  const given = (property: string, role: unknown, settings: Record<string, unknown>) => {
    for (const [setting, value] of Object.entries(settings)) {
      problems.check(role === undefined || value === undefined, {
        property: setting,
        received: value,
        reason: `is set together with ${property}`,
        allowed: `${setting} only for the role the module creates; configure the given ${property} itself`,
      });
    }
  };
  given('executionRole', props.executionRole, {
    executionRoleName: props.executionRoleName,
    executionRolePolicyMode: props.executionRolePolicyMode,
  });
  given('taskRole', props.taskRole, {
    taskRoleName: props.taskRoleName,
    taskRolePermissions: props.taskRolePermissions,
  });
  if (!props.executionRole)
    checkRoleName(
      problems,
      'executionRoleName',
      props.executionRoleName ?? `${props.family}-execution`,
    );
  if (!props.taskRole)
    checkRoleName(problems, 'taskRoleName', props.taskRoleName ?? `${props.family}-task`);
  const executionName =
    props.executionRole?.roleName ?? props.executionRoleName ?? `${props.family}-execution`;
  const taskName = props.taskRole?.roleName ?? props.taskRoleName ?? `${props.family}-task`;
  problems.check(executionName !== taskName, {
    property: 'taskRole',
    received: taskName,
    reason: 'is the execution role',
    allowed:
      'a task role distinct from the execution role: the application must not hold the permissions the ECS agent uses to pull images and read secrets',
  });
}

function checkContainers(problems: Problems, props: FargateTaskDefinitionProps): void {
  const containers = props.containers ?? [];
  problems.check(containers.length >= 1 && containers.length <= MAX_CONTAINERS, {
    property: 'containers',
    received: `${containers.length} containers`,
    allowed: `1 to ${MAX_CONTAINERS} containers`,
  });
  containers.forEach((container, i) => checkContainer(problems, `containers[${i}]`, container));

  const names = containers.map((c) => c.name);
  const duplicates = [...new Set(names.filter((name, i) => names.indexOf(name) !== i))];
  problems.check(duplicates.length === 0, {
    property: 'containers',
    received: duplicates,
    reason: 'has duplicate container names',
    allowed: 'a unique name per container',
  });
  containers.forEach((container, i) =>
    container.dependsOn?.forEach((dependency, j) =>
      problems.check(
        names.includes(dependency.containerName) &&
          Patterns.ecsName.pattern.test(dependency.containerName),
        {
          property: `containers[${i}].dependsOn[${j}].containerName`,
          received: dependency.containerName,
          reason: 'names no container of this task definition',
          allowed: names.map((n) => JSON.stringify(n)).join(', '),
        },
      ),
    ),
  );
  const cycle = findCycle(containers);
  problems.check(cycle === undefined, {
    property: 'containers.dependsOn',
    received: cycle?.join(' -> '),
    reason: 'forms a cycle',
    allowed: 'dependencies without cycles: no container may (indirectly) wait for itself',
  });
  problems.check(containers.length === 0 || containers.some((c) => c.essential ?? true), {
    property: 'containers',
    received: names,
    reason: 'has no essential container',
    allowed: 'at least one container with essential: true (the default)',
  });
  const sum = (pick: (c: ContainerDefinition) => number | undefined) =>
    containers.reduce((total, c) => total + (pick(c) ?? 0), 0);
  if (Token.isUnresolved(props.cpu) || Token.isUnresolved(props.memoryMiB)) return;
  problems.check(sum((c) => c.cpu) <= props.cpu, {
    property: 'containers[].cpu',
    received: sum((c) => c.cpu),
    reason: 'adds up to more than the task cpu',
    allowed: `at most ${props.cpu} in total`,
  });
  problems.check(sum((c) => c.memoryMiB) <= props.memoryMiB, {
    property: 'containers[].memoryMiB',
    received: sum((c) => c.memoryMiB),
    reason: 'adds up to more than the task memory',
    allowed: `at most ${props.memoryMiB} MiB in total`,
  });
}

/** A dependency cycle among containers, as the list of names around it, if there is one. */
function findCycle(containers: readonly ContainerDefinition[]): string[] | undefined {
  const edges = new Map(
    containers.map((c) => [c.name, (c.dependsOn ?? []).map((d) => d.containerName)]),
  );
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string, path: string[]): string[] | undefined => {
    if (state.get(name) === 'visiting') return [...path.slice(path.indexOf(name)), name];
    if (state.get(name) === 'done' || !edges.has(name)) return undefined;
    state.set(name, 'visiting');
    for (const next of edges.get(name)!) {
      const cycle = visit(next, [...path, name]);
      if (cycle) return cycle;
    }
    state.set(name, 'done');
    return undefined;
  };
  for (const name of edges.keys()) {
    const cycle = visit(name, []);
    if (cycle) return cycle;
  }
  return undefined;
}

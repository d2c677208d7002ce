import { TerraformOutput, TerraformStack, type TerraformElement } from 'cdktf';
import { type Construct, type Node } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { EcsCluster } from '../modules/ecs-cluster';
import { FargateTaskDefinition } from '../modules/fargate-task-definition';
import { LambdaRunner } from '../modules/lambda-runner';
import { TaskExecutionRole } from '../modules/task-execution-role';
import { TaskFailures } from '../modules/task-failures';
import { resourceName } from '../src/naming';
import { ReadableLogicalIds } from '../src/readable-ids';
import { configureBackend } from './backend';
import { APP_NAME, stackName, type EnvironmentSettings } from './environments/schema';
import { parseEnvironment, settingsFileOf } from './environments/validate';
import { taskNetwork } from './network';

/**
 * One environment: the cluster, the task definitions with their roles, and the runner,
 * composed from the environment's settings. One instance per environment, named
 * `fargate-runner-<environment>`; the provider and the backend live here, never in the modules.
 */
export class FargateRunnerStack extends TerraformStack {
  readonly settings: EnvironmentSettings;
  readonly cluster: EcsCluster;
  readonly taskDefinitions: Readonly<Record<string, FargateTaskDefinition>>;
  readonly runner: LambdaRunner;
  /** Failed tasks captured and diagnosed, when the environment enables it. */
  readonly taskFailures?: TaskFailures;
  private readonly logicalIds = new ReadableLogicalIds(this);

  /**
   * @param settings the environment's settings, validated here (every problem at once, naming
   *   `file`) before anything is built
   * @param file the settings file, for messages
   */
  constructor(
    scope: Construct,
    settings: EnvironmentSettings,
    file = settingsFileOf(settings.name),
  ) {
    const valid = parseEnvironment(settings, file);
    super(scope, stackName(valid.name));
    settings = valid;
    this.settings = settings;
    const name = (...purpose: string[]) => resourceName(APP_NAME, settings.name, ...purpose);

    new AwsProvider(this, 'aws', {
      region: settings.region,
      allowedAccountIds: settings.accountId ? [settings.accountId] : undefined,
      defaultTags: [
        { tags: { environment: settings.name, application: APP_NAME, ...settings.defaultTags } },
      ],
    });
    configureBackend(this, this.node.id, settings.backend);

    const network = taskNetwork(this, settings.network, name('tasks'));
    const strategy = [{ capacityProvider: settings.capacity, weight: 1 }];
    this.cluster = new EcsCluster(this, 'cluster', {
      clusterName: name(),
      containerInsights: settings.containerInsights,
      defaultCapacityProviderStrategy: strategy,
      ...(settings.executeCommand && {
        executeCommand: {
          ...settings.executeCommand,
          logRetentionDays: settings.executeCommand.logRetentionDays ?? settings.logRetentionDays,
        },
      }),
    });

    const sharedExecutionRole =
      settings.executionRoleSharing === 'shared'
        ? new TaskExecutionRole(this, 'execution_role', {
            ...settings.roles,
            roleName: name('execution'),
            policyMode: settings.executionRolePolicyMode,
          })
        : undefined;
    this.taskDefinitions = Object.fromEntries(
      settings.tasks.map((task) => [
        task.name,
        new FargateTaskDefinition(this, `task_${task.name}`, {
          family: name(task.name),
          cpu: task.cpu,
          memoryMiB: task.memoryMiB,
          cpuArchitecture: task.architecture,
          containers: [
            {
              name: task.name,
              image: task.image,
              repositoryCredentialsSecretArn: task.registryCredentialsSecretArn,
              entryPoint: task.entryPoint,
              command: task.command,
              user: task.user,
              workingDirectory: task.workingDirectory,
              readonlyRootFilesystem: task.readonlyRootFilesystem,
              initProcessEnabled: task.initProcessEnabled,
              stopTimeoutSeconds: task.stopTimeoutSeconds,
              environment: task.environment,
              secrets: task.secrets,
            },
          ],
          logging: { retentionDays: settings.logRetentionDays, kmsKeyArn: task.logKmsKeyArn },
          ephemeralStorageGiB: task.ephemeralStorageGiB,
          secretsKmsKeyArns: task.secretsKmsKeyArns,
          roleOptions: settings.roles,
          ...(sharedExecutionRole
            ? { executionRole: sharedExecutionRole }
            : { executionRolePolicyMode: settings.executionRolePolicyMode }),
          taskRolePermissions: task.taskRole,
        }),
      ]),
    );

    // The tasks granted ECS Exec also get what the cluster's sessions need: their log group, their key.
    const execTasks = settings.tasks.filter((task) => task.taskRole?.enableExecuteCommand);
    if (settings.executeCommand) {
      for (const task of execTasks)
        this.cluster.grantExecuteCommand(this.taskDefinitions[task.name].taskRole);
    }

    const runner = settings.runner;
    this.runner = new LambdaRunner(this, 'runner', {
      functionName: name('runner'),
      cluster: this.cluster,
      tasks: Object.fromEntries(runner.tasks.map((task) => [task, this.taskDefinitions[task]])),
      subnetIds: network.subnetIds,
      securityGroupIds: network.securityGroupIds,
      assignPublicIp: network.assignPublicIp,
      capacityProviderStrategy: strategy,
      logRetentionDays: settings.logRetentionDays,
      onFailure:
        runner.deadLetterQueue === 'destination'
          ? 'destination'
          : runner.deadLetterQueue
            ? 'dead-letter-queue'
            : 'none',
      reservedConcurrency: runner.reservedConcurrency,
      memoryMiB: runner.memoryMiB,
      timeoutSeconds: runner.timeoutSeconds,
      architecture: runner.architecture,
      runtime: runner.runtime,
      tracing: runner.tracing,
      maximumRetryAttempts: runner.maximumRetryAttempts,
      maximumEventAgeSeconds: runner.maximumEventAgeSeconds,
      allowDescribeTasks: runner.allowDescribeTasks,
      // A task role granted ECS Exec is of use only in a task started with it: the runner
      // then starts its tasks so. The others' roles lack the permissions, so no session opens
      // in them.
      enableExecuteCommand: execTasks.some((task) => runner.tasks.includes(task.name)),
      schedule: runner.schedule,
      eventTrigger: runner.eventTrigger,
      taskTags: runner.taskTags,
      roleOptions: settings.roles,
      ...(settings.taskFailures && { taskGroup: `runner:${name('runner')}` }),
    });

    const failures = settings.taskFailures;
    if (failures && this.runner.taskGroup) {
      const topic = failures.topic ?? 'create';
      this.taskFailures = new TaskFailures(this, 'task_failures', {
        name: name('task-failures'),
        cluster: this.cluster,
        taskGroup: this.runner.taskGroup,
        diagnose: failures.diagnose,
        topic: topic === 'create' || topic === 'none' ? topic : { topicArn: topic },
        tasks: runner.tasks.map((task) => this.taskDefinitions[task]),
        assignPublicIp: network.assignPublicIp,
        subnetIds: network.subnetIds,
        retentionDays: failures.retentionDays,
        logRetentionDays: settings.logRetentionDays,
        roleOptions: settings.roles,
      });
    }

    this.addOutputs();
  }

  protected override allocateLogicalId(element: TerraformElement | Node): string {
    return this.logicalIds.allocate(element);
  }

  private addOutputs(): void {
    const output = (id: string, value: string, description: string) =>
      new TerraformOutput(this, id, { value, description });
    output('cluster_name', this.cluster.clusterName, 'Name of the ECS cluster');
    output('cluster_arn', this.cluster.clusterArn, 'ARN of the ECS cluster');
    output(
      'runner_function_name',
      this.runner.functionName,
      'Name of the runner Lambda function: invoke it to start a task',
    );
    output('runner_function_arn', this.runner.functionArn, 'ARN of the runner Lambda function');
    output('runner_role_arn', this.runner.roleArn, 'ARN of the runner role');
    if (this.runner.deadLetterQueueArn) {
      output(
        'runner_dead_letter_queue_arn',
        this.runner.deadLetterQueueArn,
        'ARN of the queue of failed asynchronous invocations',
      );
    }
    if (this.taskFailures) {
      output(
        'task_failures_queue_url',
        this.taskFailures.queue.url,
        'URL of the queue of failed tasks (ECS Task State Change events)',
      );
      if (this.taskFailures.topicArn) {
        output(
          'task_failures_topic_arn',
          this.taskFailures.topicArn,
          'SNS topic of task failure diagnoses and the failure alarm: subscribe to it',
        );
      }
    }
    for (const [task, definition] of Object.entries(this.taskDefinitions)) {
      const key = task.replace(/-/g, '_');
      output(
        `task_${key}_definition_arn`,
        definition.taskDefinitionArn,
        `ARN (with revision) of the ${task} task definition`,
      );
      output(
        `task_${key}_execution_role_arn`,
        definition.executionRole.roleArn,
        `Execution role of the ${task} task`,
      );
      output(
        `task_${key}_task_role_arn`,
        definition.taskRole.roleArn,
        `Task role of the ${task} task`,
      );
    }
  }
}

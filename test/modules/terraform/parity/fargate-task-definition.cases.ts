import {
  FargateTaskDefinition,
  type FargateTaskDefinitionProps,
} from '../../../../modules/fargate-task-definition';
import {
  TaskExecutionRole,
  type ExecutionRolePolicyMode,
} from '../../../../modules/task-execution-role';
import { TaskRole } from '../../../../modules/task-role';
import { type ParityCase } from './harness';
import { asInputs } from './inputs';

const ACCOUNT = '123456789012';
const ECR = `${ACCOUNT}.dkr.ecr.eu-west-1.amazonaws.com`;
const secret = (name: string) => `arn:aws:secretsmanager:eu-west-1:${ACCOUNT}:secret:${name}`;
const parameter = (name: string) => `arn:aws:ssm:eu-west-1:${ACCOUNT}:parameter/${name}`;
const KEY = `arn:aws:kms:eu-west-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;

type Props = Omit<FargateTaskDefinitionProps, 'executionRole' | 'taskRole'>;

/** The module's inputs for the construct's props: the logging and role options are flat. */
function moduleInputs(props: Props): Record<string, unknown> {
  const { logging, roleOptions, ...rest } = props;
  return asInputs({
    ...rest,
    logGroupName: logging?.logGroupName,
    logRetentionDays: logging?.retentionDays,
    logKmsKeyArn: logging?.kmsKeyArn,
    logStreamPrefix: logging?.streamPrefix,
    rolePath: roleOptions?.path,
    rolePermissionsBoundaryArn: roleOptions?.permissionsBoundaryArn,
    roleMaxSessionDurationSeconds: roleOptions?.maxSessionDurationSeconds,
    roleTags: roleOptions?.tags,
  }) as Record<string, unknown>;
}

const task = (title: string, props: Props): ParityCase => ({
  module: 'fargate-task-definition',
  title,
  construct: (scope) => new FargateTaskDefinition(scope, 'Task', props),
  inputs: moduleInputs(props),
});

/** A task definition using an execution role shared with others (the task-execution-role module). */
const sharedRole = (title: string, mode: ExecutionRolePolicyMode, props: Props): ParityCase => ({
  module: 'fargate-task-definition',
  title,
  construct: (scope) => {
    const executionRole = new TaskExecutionRole(scope, 'Exec', {
      roleName: `${props.family}-shared`,
      policyMode: mode,
      usesPublicImages: true,
    });
    new FargateTaskDefinition(scope, 'Task', { ...props, executionRole });
  },
  inputs: {
    ...moduleInputs(props),
    execution_role_name: '${module.@case_exec.role_name}',
    execution_role_arn: '${module.@case_exec.role_arn}',
    execution_role_policy_mode: mode,
  },
  helpers: {
    exec: {
      module: 'task-execution-role',
      inputs: { role_name: `${props.family}-shared`, policy_mode: mode, uses_public_images: true },
    },
  },
  splitPolicies: true,
});

export const fargateTaskDefinitionCases: ParityCase[] = [
  task('one private ECR image, per-task minimal roles (the defaults)', {
    family: 'td-minimal',
    cpu: 256,
    memoryMiB: 512,
    containers: [{ name: 'app', image: `${ECR}/report:1.4.2` }],
  }),
  task('ARM64, 1 vCPU, ephemeral storage', {
    family: 'td-arm',
    cpu: 1024,
    memoryMiB: 4096,
    cpuArchitecture: 'ARM64',
    ephemeralStorageGiB: 50,
    containers: [{ name: 'app', image: `${ECR}/team/report@sha256:${'a'.repeat(64)}` }],
  }),
  task('an ECR Public image: no pull permission', {
    family: 'td-ecr-public',
    cpu: 256,
    memoryMiB: 512,
    containers: [{ name: 'web', image: 'public.ecr.aws/nginx/nginx:1.27' }],
  }),
  task('Docker Hub with registry credentials', {
    family: 'td-dockerhub',
    cpu: 512,
    memoryMiB: 1024,
    containers: [
      {
        name: 'app',
        image: 'acme/private-app:3',
        repositoryCredentialsSecretArn: secret('dockerhub-AbCdEf'),
      },
    ],
  }),
  task('Secrets Manager with JSON keys, SSM parameters, KMS keys', {
    family: 'td-secrets',
    cpu: 512,
    memoryMiB: 2048,
    containers: [
      {
        name: 'app',
        image: `${ECR}/report:1`,
        environment: { STAGE: 'prod', REGION: 'eu-west-1' },
        secrets: {
          DB_PASSWORD: secret('report/db-AbCdEf:password::'),
          DB_USER: secret('report/db-AbCdEf:username:AWSCURRENT:'),
          API_TOKEN: secret('report/api-GhIjKl'),
          SMTP_HOST: parameter('report/smtp-host'),
        },
      },
    ],
    secretsKmsKeyArns: [KEY],
  }),
  task('several containers with every container option', {
    family: 'td-containers',
    cpu: 2048,
    memoryMiB: 8192,
    containers: [
      {
        name: 'app',
        image: `${ECR}/api:2.0`,
        entryPoint: ['/bin/app'],
        command: ['serve', '--port', '8080'],
        workingDirectory: '/srv',
        user: '1000:1000',
        portMappings: [
          { containerPort: 8080 },
          { containerPort: 9090, protocol: 'udp', name: 'metrics' },
        ],
        healthCheck: {
          command: ['CMD-SHELL', 'curl -f http://localhost:8080/ || exit 1'],
          retries: 5,
        },
        dependsOn: [{ containerName: 'init', condition: 'SUCCESS' }],
        stopTimeoutSeconds: 60,
        ulimits: [{ name: 'nofile', softLimit: 4096, hardLimit: 8192 }],
        initProcessEnabled: true,
        cpu: 1024,
        memoryMiB: 4096,
      },
      {
        name: 'init',
        image: `${ECR}/migrate:2.0`,
        essential: false,
        readonlyRootFilesystem: false,
        command: ['migrate'],
      },
      { name: 'proxy', image: 'public.ecr.aws/envoyproxy/envoy:v1.31', essential: false },
    ],
  }),
  task('starter execution role created for the family', {
    family: 'td-starter',
    cpu: 256,
    memoryMiB: 1024,
    executionRolePolicyMode: 'starter',
    containers: [
      { name: 'app', image: `${ECR}/report:1`, secrets: { TOKEN: secret('token-AbCdEf') } },
    ],
  }),
  sharedRole('a shared minimal execution role', 'minimal', {
    family: 'td-shared',
    cpu: 256,
    memoryMiB: 512,
    containers: [
      { name: 'app', image: `${ECR}/report:1`, secrets: { DB: secret('shared/db-AbCdEf') } },
    ],
  }),
  sharedRole('a shared starter execution role, with parameters and a key', 'starter', {
    family: 'td-shared-starter',
    cpu: 256,
    memoryMiB: 512,
    containers: [
      { name: 'app', image: `${ECR}/report:1`, secrets: { HOST: parameter('shared/host') } },
    ],
    secretsKmsKeyArns: [KEY],
  }),
  {
    module: 'fargate-task-definition',
    title: 'a task role given (the task-role module), the execution role created',
    construct: (scope) => {
      const taskRole = new TaskRole(scope, 'TaskRole', {
        roleName: 'td-given-app',
        snsPublishTopicArns: [`arn:aws:sns:eu-west-1:${ACCOUNT}:ready`],
      });
      new FargateTaskDefinition(scope, 'Task', {
        family: 'td-given',
        cpu: 256,
        memoryMiB: 512,
        containers: [{ name: 'app', image: `${ECR}/report:1` }],
        taskRole,
      });
    },
    inputs: {
      family: 'td-given',
      cpu: 256,
      memory_mib: 512,
      containers: [{ name: 'app', image: `${ECR}/report:1` }],
      task_role_name: '${module.@case_app.role_name}',
      task_role_arn: '${module.@case_app.role_arn}',
    },
    helpers: {
      app: {
        module: 'task-role',
        inputs: {
          role_name: 'td-given-app',
          sns_publish_topic_arns: [`arn:aws:sns:eu-west-1:${ACCOUNT}:ready`],
        },
      },
    },
  },
  task('an existing log group and a stream prefix', {
    family: 'td-existing-logs',
    cpu: 256,
    memoryMiB: 512,
    containers: [{ name: 'app', image: `${ECR}/report:1` }],
    logging: { logGroupName: '/shared/jobs', streamPrefix: 'jobs' },
  }),
  task('encrypted log group, retention, role options, tags', {
    family: 'td-options',
    cpu: 4096,
    memoryMiB: 16384,
    containers: [
      {
        name: 'app',
        image: `${ECR}/report:1`,
        repositoryArn: `arn:aws:ecr:eu-west-1:${ACCOUNT}:repository/report`,
      },
    ],
    logging: { retentionDays: 365, kmsKeyArn: KEY },
    roleOptions: {
      path: '/jobs/',
      permissionsBoundaryArn: `arn:aws:iam::${ACCOUNT}:policy/boundary`,
      maxSessionDurationSeconds: 7200,
      tags: { team: 'jobs' },
    },
    tags: { service: 'report' },
  }),
];

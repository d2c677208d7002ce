import { type EnvironmentSettings } from './schema';

/**
 * Production: per-task minimal execution roles, ARM64 tasks, enhanced Container Insights, a
 * year of logs, a dead-letter queue for failed invocations, failed tasks diagnosed and
 * announced, state in S3, and an account guard:
 * this configuration cannot be applied with credentials of any other account.
 *
 * Replace the example account, VPC, subnet, bucket and repository values with yours.
 */
export const prod: EnvironmentSettings = {
  name: 'prod',
  region: 'eu-west-1',
  accountId: '111122223333',
  defaultTags: { environment: 'prod', 'cost-center': 'platform' },
  backend: {
    type: 's3',
    bucket: 'fargate-runner-terraform-state-111122223333',
    region: 'eu-west-1',
  },
  network: {
    type: 'subnets',
    vpcId: 'vpc-0f1e2d3c4b5a69788',
    subnetIds: ['subnet-0f1e2d3c4b5a69788', 'subnet-0123456789abcdef0', 'subnet-0fedcba9876543210'],
  },
  executionRoleSharing: 'per-task',
  executionRolePolicyMode: 'minimal',
  containerInsights: 'enhanced',
  capacity: 'FARGATE',
  logRetentionDays: 365,
  tasks: [
    {
      name: 'hello',
      image: 'public.ecr.aws/docker/library/busybox:1.36',
      cpu: 256,
      memoryMiB: 512,
      architecture: 'ARM64',
      command: ['sh', '-c', 'echo "hello from $GREETING_FROM"'],
      environment: { GREETING_FROM: 'fargate-runner-prod' },
    },
    {
      name: 'report',
      image: '111122223333.dkr.ecr.eu-west-1.amazonaws.com/report:1.4.2',
      cpu: 1024,
      memoryMiB: 2048,
      architecture: 'ARM64',
      command: ['node', 'dist/report.js'],
      environment: { REPORT_BUCKET: 'fargate-runner-prod-reports' },
      secrets: {
        DB_PASSWORD:
          'arn:aws:secretsmanager:eu-west-1:111122223333:secret:report/db-password-AbCdEf',
      },
      taskRole: {
        s3WriteLocations: [
          { bucketArn: 'arn:aws:s3:::fargate-runner-prod-reports', prefix: 'daily/' },
        ],
        snsPublishTopicArns: ['arn:aws:sns:eu-west-1:111122223333:report-ready'],
      },
    },
  ],
  runner: {
    tasks: ['hello', 'report'],
    schedule: {
      expression: 'cron(0 6 * * ? *)',
      timezone: 'Europe/Dublin',
      input: { task: 'report' },
    },
    deadLetterQueue: true,
    reservedConcurrency: 10,
    taskTags: { 'started-by': 'fargate-runner' },
  },
  // Tasks that fail to start or exit non-zero are diagnosed and announced on an SNS topic.
  taskFailures: { diagnose: true, topic: 'create' },
};

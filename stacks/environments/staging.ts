import { type EnvironmentSettings } from './schema';

/**
 * Staging: per-task execution roles in minimal mode, in the network staging runs in. The
 * `report` task pulls from a private ECR repository and reads a Secrets Manager secret, so
 * its execution role is granted exactly that repository and that secret.
 *
 * State in S3, locked with a lock file. Replace the example account, VPC, subnet, state bucket
 * and repository values with yours.
 */
export const staging: EnvironmentSettings = {
  name: 'staging',
  region: 'eu-west-1',
  accountId: '444455556666',
  defaultTags: { environment: 'staging', 'cost-center': 'platform' },
  backend: {
    type: 's3',
    bucket: 'fargate-runner-terraform-state-444455556666',
    region: 'eu-west-1',
  },
  network: {
    type: 'subnets',
    vpcId: 'vpc-0a1b2c3d4e5f60718',
    subnetIds: ['subnet-0a1b2c3d4e5f60718', 'subnet-08f7e6d5c4b3a2910'],
  },
  executionRoleSharing: 'per-task',
  executionRolePolicyMode: 'minimal',
  containerInsights: 'enabled',
  capacity: 'FARGATE',
  logRetentionDays: 30,
  tasks: [
    {
      name: 'hello',
      image: 'public.ecr.aws/docker/library/busybox:1.36',
      cpu: 256,
      memoryMiB: 512,
      command: ['sh', '-c', 'echo "hello from $GREETING_FROM"'],
      environment: { GREETING_FROM: 'fargate-runner-staging' },
    },
    {
      name: 'report',
      image: '444455556666.dkr.ecr.eu-west-1.amazonaws.com/report:1.4.2',
      cpu: 512,
      memoryMiB: 1024,
      command: ['node', 'dist/report.js'],
      environment: { REPORT_BUCKET: 'fargate-runner-staging-reports' },
      secrets: {
        DB_PASSWORD:
          'arn:aws:secretsmanager:eu-west-1:444455556666:secret:report/db-password-AbCdEf',
      },
      taskRole: {
        s3WriteLocations: [
          { bucketArn: 'arn:aws:s3:::fargate-runner-staging-reports', prefix: 'daily/' },
        ],
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
    deadLetterQueue: false,
  },
};

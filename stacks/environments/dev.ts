import { type EnvironmentSettings } from './schema';

/**
 * Development: zero configuration. The default VPC, one execution role shared by all tasks
 * with the AWS managed starter policy, Spot capacity, a week of logs, a public image.
 */
export const dev: EnvironmentSettings = {
  name: 'dev',
  region: 'eu-west-1',
  defaultTags: { environment: 'dev', 'cost-center': 'platform' },
  backend: { type: 'local' },
  network: { type: 'default-vpc' },
  executionRoleSharing: 'shared',
  executionRolePolicyMode: 'starter',
  containerInsights: 'enabled',
  capacity: 'FARGATE_SPOT',
  logRetentionDays: 7,
  tasks: [
    {
      name: 'hello',
      image: 'public.ecr.aws/docker/library/busybox:1.36',
      cpu: 256,
      memoryMiB: 512,
      command: ['sh', '-c', 'echo "hello from $GREETING_FROM"'],
      environment: { GREETING_FROM: 'fargate-runner-dev' },
    },
  ],
  runner: { tasks: ['hello'], deadLetterQueue: false },
};

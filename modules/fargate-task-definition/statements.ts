import { type PolicyStatement } from '../../src/iam/statement';

/**
 * What starting one task definition in one cluster takes. Since 2024-03-21 ECS authorizes
 * RunTask against the revision, so the resource is `task-definition/<family>:*` (every
 * revision of exactly this family), not the bare family.
 */
export function runStatements(options: {
  /** `arn:…:task-definition/<family>:*` */
  taskDefinitionArn: string;
  clusterArn: string;
  /** The execution role and task role ARNs. */
  roleArns: readonly string[];
}): PolicyStatement[] {
  return [
    {
      sid: 'RunTask',
      actions: ['ecs:RunTask'],
      resources: [options.taskDefinitionArn],
      conditions: { ArnEquals: { 'ecs:cluster': options.clusterArn } },
    },
    {
      sid: 'PassTaskRoles',
      actions: ['iam:PassRole'],
      resources: [...options.roleArns],
      conditions: { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } },
    },
  ];
}

import { type Construct } from 'constructs';
import { AwsContext } from '../../src/aws/context';
import { Grant, type IGrantable } from '../../src/iam/grant';
import { type ICluster } from '../ecs-cluster';
import { runStatements } from './statements';

/** A task definition a runner can start: what `RunTask` and `PassRole` are scoped to. */
export interface IRunnableTask {
  readonly family: string;
  /** `…:task-definition/<family>:*`: every revision of the family, for policies. */
  readonly arnForPolicies: string;
  readonly executionRoleArnForPolicies: string;
  readonly taskRoleArnForPolicies: string;
  /** The container that a runner's command and environment overrides apply to. */
  readonly overrideContainerName: string;
  /** Grants `grantee` RunTask of this family in `cluster` and PassRole of exactly its two roles. */
  grantRun(grantee: IGrantable, cluster: ICluster): Grant;
}

/** Grants what starting `task` in `cluster` takes (see {@link IRunnableTask.grantRun}). */
export function grantRunTask(task: IRunnableTask, grantee: IGrantable, cluster: ICluster): Grant {
  const statements = runStatements({
    taskDefinitionArn: task.arnForPolicies,
    clusterArn: cluster.arnForPolicies,
    roleArns: [task.executionRoleArnForPolicies, task.taskRoleArnForPolicies],
  });
  return Grant.combine(
    grantee.grantPrincipal,
    statements.map((statement) => Grant.addToPrincipal(grantee, statement)),
  );
}

/** A task definition defined elsewhere (another stack, a Terraform module), by its attributes. */
export interface RunnableTaskAttributes {
  readonly family: string;
  readonly executionRoleArn: string;
  readonly taskRoleArn: string;
  /** The container that a runner's command and environment overrides apply to. */
  readonly containerName: string;
}

/** Binds a task definition defined elsewhere to a runner, by its family and role ARNs. */
export function runnableTask(scope: Construct, attributes: RunnableTaskAttributes): IRunnableTask {
  const task: IRunnableTask = {
    family: attributes.family,
    arnForPolicies: AwsContext.of(scope).arn('ecs', `task-definition/${attributes.family}:*`),
    executionRoleArnForPolicies: attributes.executionRoleArn,
    taskRoleArnForPolicies: attributes.taskRoleArn,
    overrideContainerName: attributes.containerName,
    grantRun: (grantee, cluster) => grantRunTask(task, grantee, cluster),
  };
  return task;
}

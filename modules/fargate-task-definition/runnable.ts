import { Construct } from 'constructs';
import { ArnKinds, checkGrantTarget } from '../../src/aws/arn';
import { AwsContext } from '../../src/aws/context';
import { Patterns } from '../../src/aws/patterns';
import { Problems } from '../../src/errors';
import { Grant, type IGrantable } from '../../src/iam/grant';
import { checkRule } from '../../src/validation';
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

/**
 * Grants what starting `task` in `cluster` takes (see {@link IRunnableTask.grantRun}). Every
 * ARN the grant is built from must name exactly one resource of its kind: RunTask and PassRole
 * are never granted on a pattern, and the cluster condition never holds a wildcard (IAM would
 * match `ArnEquals` with a wildcard as a pattern). Throws a `ValidationError` otherwise.
 */
export function grantRunTask(task: IRunnableTask, grantee: IGrantable, cluster: ICluster): Grant {
  const subject = grantee instanceof Construct ? grantee.node.path : 'grantRunTask';
  Problems.validate(`${subject} (running task "${String(task.family)}")`, (problems) => {
    checkGrantTarget(
      problems,
      'task.arnForPolicies',
      task.arnForPolicies,
      ArnKinds.ecsTaskDefinitionFamily,
    );
    checkGrantTarget(
      problems,
      'task.executionRoleArnForPolicies',
      task.executionRoleArnForPolicies,
      ArnKinds.iamRole,
    );
    checkGrantTarget(
      problems,
      'task.taskRoleArnForPolicies',
      task.taskRoleArnForPolicies,
      ArnKinds.iamRole,
    );
    checkGrantTarget(
      problems,
      'cluster.arnForPolicies',
      cluster.arnForPolicies,
      ArnKinds.ecsCluster,
    );
  });
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

/**
 * Binds a task definition defined elsewhere to a runner, by its family and role ARNs. Throws a
 * `ValidationError` naming `scope`'s path when the family is not one exact family (`*`) or a
 * role ARN is not one exact IAM role (`*`, `role/*`, an S3 ARN).
 */
export function runnableTask(scope: Construct, attributes: RunnableTaskAttributes): IRunnableTask {
  Problems.validate(`${scope.node.path} (runnableTask)`, (problems) => {
    checkRule(problems, 'family', attributes.family, Patterns.ecsName);
    checkGrantTarget(problems, 'executionRoleArn', attributes.executionRoleArn, ArnKinds.iamRole);
    checkGrantTarget(problems, 'taskRoleArn', attributes.taskRoleArn, ArnKinds.iamRole);
    checkRule(problems, 'containerName', attributes.containerName, Patterns.ecsName);
  });
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

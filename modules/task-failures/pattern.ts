/**
 * Stopped reasons of the ECS agent that mean a task could not start: matched by prefix in the
 * task's `stoppedReason` and in each container's `reason`.
 */
export const FAILURE_REASON_PREFIXES = [
  'CannotCreateContainerError',
  'CannotInspectContainerError',
  'CannotPullContainerError',
  'CannotStartContainerError',
  'ResourceInitializationError',
] as const;

/**
 * The EventBridge pattern of the failures of the tasks in one ECS task group of one cluster:
 * `ECS Task State Change` events of stopped tasks that
 *
 * - failed to start (`stopCode` `TaskFailedToStart`) or were interrupted by Fargate Spot;
 * - stopped because an essential container exited, and a container exited with a code above
 *   0 (`numeric` `> 0`; a container that never ran has no `exitCode` and does not match);
 * - or carry one of the agent's start errors ({@link FAILURE_REASON_PREFIXES}, by `prefix`) in
 *   the task's `stoppedReason` or a container's `reason`.
 *
 * A pattern on an array field matches when any element matches, and the event does not say
 * which containers are essential: the second case also matches when the essential container
 * exited 0 and another (non-essential) container exited non-zero. The diagnosis function,
 * which knows each task definition's essential containers, reports such a task as "not a
 * failure" and publishes nothing.
 */
export function taskFailurePattern(clusterArn: string, taskGroup: string) {
  const reasons = FAILURE_REASON_PREFIXES.map((prefix) => ({ prefix }));
  return {
    source: ['aws.ecs'],
    'detail-type': ['ECS Task State Change'],
    detail: {
      clusterArn: [clusterArn],
      group: [taskGroup],
      lastStatus: ['STOPPED'],
      $or: [
        { stopCode: ['TaskFailedToStart', 'SpotInterruption'] },
        {
          stopCode: ['EssentialContainerExited'],
          containers: { exitCode: [{ numeric: ['>', 0] }] },
        },
        { stoppedReason: reasons },
        { containers: { reason: reasons } },
      ],
    },
  };
}

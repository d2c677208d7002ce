import { blocks } from '../model/terraform';
import { type Rule } from '../types';

export const clusterWithoutInsights: Rule = {
  id: 'FR-ECS-CLUSTER-NO-INSIGHTS',
  severity: 'warning',
  rationale:
    'without Container Insights there are no task-level CPU, memory and failure metrics to alarm on',
  anchors: ['cdk-nag AwsSolutions-ECS4', 'checkov CKV_AWS_65'],
  check: (stack) =>
    stack.ofType('aws_ecs_cluster').flatMap(({ address, config }) =>
      blocks(config.setting).some(
        (s) => s.name === 'containerInsights' && (s.value === 'enabled' || s.value === 'enhanced'),
      )
        ? []
        : [
            {
              address,
              message: 'has Container Insights off: add setting containerInsights = enabled',
            },
          ],
    ),
};

export const execWithoutLogging: Rule = {
  id: 'FR-ECS-EXEC-NO-LOGGING',
  severity: 'warning',
  rationale:
    'ECS Exec sessions are interactive shells in production containers: record what was run',
  anchors: ['checkov CKV_AWS_223'],
  check: (stack) =>
    stack.ofType('aws_ecs_cluster').flatMap(({ address, config }) =>
      blocks(config.configuration)
        .flatMap((c) => blocks(c.execute_command_configuration))
        .filter((exec) => {
          if (exec.logging === 'NONE') return true;
          const destination = blocks(exec.log_configuration).some(
            (l) => l.cloud_watch_log_group_name || l.s3_bucket_name,
          );
          return exec.logging === 'OVERRIDE' && !destination;
        })
        .map(() => ({
          address,
          message:
            'does not log ECS Exec sessions: set execute_command_configuration logging to DEFAULT or OVERRIDE with a log group',
        })),
    ),
};

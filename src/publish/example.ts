import { renderSections, renderTerraformBlock } from './hcl/render';
import { REQUIRED_TERRAFORM } from './files';

const REPOSITORY = 'arn:aws:ecr:eu-west-1:123456789012:repository/report';

/**
 * `examples/complete`: the modules composed as the environment stacks compose them — a
 * cluster, an execution role shared by the task definitions (each attaches what its
 * containers use), a task role with the application's permissions, a task definition using
 * both, and a runner bound to it. The provider lives here, in the root module, never in the
 * modules.
 */
export function completeExample(awsRange: string): Record<string, string> {
  // The example sits in dist/terraform/<module>/examples/complete, beside the other modules.
  const source = (module: string) => `../../../${module}`;
  const modules = {
    cluster: {
      source: source('ecs-cluster'),
      cluster_name: 'jobs-dev',
      container_insights: 'enhanced',
    },
    execution_role: {
      source: source('task-execution-role'),
      role_name: 'jobs-dev-execution',
      repository_arns: [REPOSITORY],
    },
    report_task_role: {
      source: source('task-role'),
      role_name: 'jobs-dev-report-task',
      s3_write_locations: [{ bucket_arn: 'arn:aws:s3:::jobs-dev-reports', prefix: 'daily/' }],
      sns_publish_topic_arns: ['arn:aws:sns:eu-west-1:123456789012:report-ready'],
      statements: [
        {
          sid: 'ReadConfiguration',
          actions: ['appconfig:GetLatestConfiguration', 'appconfig:StartConfigurationSession'],
          resources: [
            'arn:aws:appconfig:eu-west-1:123456789012:application/abc1234/environment/def5678/configuration/ghi9012',
          ],
        },
      ],
    },
    report: {
      source: source('fargate-task-definition'),
      family: 'jobs-dev-report',
      cpu: 512,
      memory_mib: 1024,
      cpu_architecture: 'ARM64',
      containers: [
        {
          name: 'report',
          image: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/report:1.4.2',
          repository_arn: REPOSITORY,
          environment: { REPORT_BUCKET: 'jobs-dev-reports' },
          secrets: {
            DB_PASSWORD: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:report/db-AbCdEf',
          },
        },
        {
          name: 'metrics',
          image: 'public.ecr.aws/aws-observability/aws-otel-collector:v0.40.0',
          essential: false,
        },
      ],
      log_retention_days: 90,
      execution_role_name: '${module.execution_role.role_name}',
      execution_role_arn: '${module.execution_role.role_arn}',
      task_role_name: '${module.report_task_role.role_name}',
      task_role_arn: '${module.report_task_role.role_arn}',
    },
    runner: {
      source: source('lambda-runner'),
      function_name: 'jobs-dev-runner',
      cluster_name: '${module.cluster.cluster_name}',
      tasks: {
        report: {
          family: '${module.report.family}',
          execution_role_arn: '${module.report.execution_role_arn}',
          task_role_arn: '${module.report.task_role_arn}',
          container: '${module.report.container_name}',
        },
      },
      subnet_ids: ['subnet-0123456789abcdef0'],
      security_group_ids: ['sg-0123456789abcdef0'],
    },
  };
  const outputs = {
    cluster_arn: { description: 'ARN of the cluster.', value: '${module.cluster.cluster_arn}' },
    report_task_definition_arn: {
      description: 'ARN of the report task definition.',
      value: '${module.report.task_definition_arn}',
    },
    runner_function_name: {
      description: 'Name of the runner: invoke it with {"task": "report"}.',
      value: '${module.runner.function_name}',
    },
  };
  return {
    'main.tf': renderSections(
      { provider: { aws: [{ region: 'eu-west-1' }] }, module: modules, output: outputs },
      ['provider', 'module', 'output'],
    ),
    'versions.tf': `${renderTerraformBlock({
      required_version: REQUIRED_TERRAFORM,
      required_providers: { aws: { source: 'hashicorp/aws', version: awsRange } },
    })}\n`,
  };
}

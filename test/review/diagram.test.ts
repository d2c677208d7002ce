import { permissionDiagram } from '../../src/review/diagram';
import { type StackJson } from '../../src/review/terraform-json';
import { runnerStack } from './stacks';

const edges = (diagram: string) =>
  diagram.split('\n').filter((line) => line.includes('-->') || line.includes('-.->'));

describe('the permission diagram', () => {
  const diagram = permissionDiagram(runnerStack());

  test('is a Mermaid flowchart', () => {
    expect(diagram.split('\n')[0]).toBe('flowchart LR');
  });

  test('shows who uses, passes and runs which role, and what each role may act on', () => {
    expect(edges(diagram)).toEqual([
      '  task_hello_26396490 -->|"execution role"| role_hello_ExecutionRole_AC3190D4',
      '  ecs_agent -->|"uses"| role_hello_ExecutionRole_AC3190D4',
      '  task_hello_26396490 -->|"task role"| role_hello_TaskRole_5BE04EF7',
      '  app_hello_26396490 -->|"uses"| role_hello_TaskRole_5BE04EF7',
      '  role_hello_ExecutionRole_AC3190D4 -->|"EcrAuthorizationToken"| res__any_resource',
      '  role_hello_ExecutionRole_AC3190D4 -->|"EcrPull"| res_ecr_repository_hello',
      '  role_hello_ExecutionRole_AC3190D4 -->|"LogsWrite"| res_logs_log_group_ecs_fargate_runner_dev_hello_log_stream',
      '  role_hello_ExecutionRole_AC3190D4 -->|"SecretsRead"| res_secretsmanager_secret_hello_db_AbCdEf',
      '  role_hello_TaskRole_5BE04EF7 -->|"SnsPublish"| res_sns_hello_done',
      '  trusted_Service_lambda_amazonaws_com -->|"may assume"| role_runner_16CD85F2',
      '  role_runner_16CD85F2 -->|"PassRole to ecs-tasks"| role_hello_ExecutionRole_AC3190D4',
      '  role_runner_16CD85F2 -->|"PassRole to ecs-tasks"| role_hello_TaskRole_5BE04EF7',
      '  role_runner_16CD85F2 -->|"RunTask"| task_hello_26396490',
    ]);
  });

  test('labels are short: names, not addresses; ARNs cut to their service and resource', () => {
    expect(diagram).toContain(
      '  role_hello_ExecutionRole_AC3190D4[["role fargate-runner-dev-hello-execution"]]',
    );
    expect(diagram).toContain(
      '  task_hello_26396490[/"task definition fargate-runner-dev-hello"/]',
    );
    expect(diagram).toContain(
      '  res_logs_log_group_ecs_fargate_runner_dev_hello_log_stream["logs log-group:/ecs/fargate-runner-dev-hello:log-stream:*"]',
    );
    expect(diagram).not.toContain('${');
  });

  test('is the same on every synth', () => {
    expect(permissionDiagram(runnerStack())).toBe(diagram);
  });

  test('a Lambda function, PassRole on any role and a managed policy; labels escaped', () => {
    const stack: StackJson = {
      resource: {
        aws_iam_role: {
          fn: { name: 'fn-role', assume_role_policy: '{"Statement":[]}' },
        },
        aws_iam_role_policy: {
          fn: {
            name: 'p',
            role: '${aws_iam_role.fn.name}',
            policy: JSON.stringify({
              Statement: [
                { Sid: 'PassAny', Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' },
                {
                  Sid: 'NoDelete',
                  Effect: 'Deny',
                  Action: 's3:DeleteObject',
                  Resource: 'arn:aws:s3:::a"b|c',
                },
              ],
            }),
          },
        },
        aws_iam_role_policy_attachment: {
          admin: {
            role: '${aws_iam_role.fn.name}',
            policy_arn: 'arn:aws:iam::aws:policy/AdministratorAccess',
          },
        },
        aws_lambda_function: {
          runner: { function_name: 'runner', role: '${aws_iam_role.fn.arn}' },
        },
      },
    };
    expect(permissionDiagram(stack).split('\n')).toEqual([
      'flowchart LR',
      '  role_fn[["role fn-role"]]',
      '  lambda_runner(["Lambda runner"])',
      '  any_role[["any role"]]',
      '  res_s3_a_b_c["s3 a#quot;b#124;c"]',
      '  policy_AdministratorAccess["managed policy AdministratorAccess"]',
      '  lambda_runner -->|"runs as"| role_fn',
      '  role_fn -->|"PassRole to any service"| any_role',
      '  role_fn -.->|"deny NoDelete"| res_s3_a_b_c',
      '  role_fn -->|"attached"| policy_AdministratorAccess',
    ]);
  });
});

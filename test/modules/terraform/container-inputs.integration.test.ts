import * as path from 'path';
import { AWS_ROOT_CONFIG, planConfiguration } from '../../support/terraform';

/**
 * The fargate-task-definition module refuses, at plan, the container settings the construct
 * refuses at synth (user, working directory, stop timeout), with the same words for what is
 * allowed; and takes the valid ones. Real Terraform, through the stand-in provider.
 */
jest.setTimeout(120_000);

const SOURCE = JSON.stringify(path.resolve(__dirname, '../../../modules/fargate-task-definition'));
const taskDefinition = (container: string) => `${AWS_ROOT_CONFIG}
module "task" {
  source     = ${SOURCE}
  family     = "jobs-report"
  cpu        = 256
  memory_mib = 512
  containers = [{ name = "app", image = "public.ecr.aws/acme/app:1", ${container} }]
}
`;

test('a user, working directory and stop timeout ECS would refuse fail the plan, each named', () => {
  const { status, output } = planConfiguration(
    taskDefinition('user = "app user", working_directory = "srv", stop_timeout_seconds = 600'),
  );
  expect(status).toBe(1);
  expect(output).toContain(
    'Each user must be a user name or UID, optionally with ":" and a group name or GID, e.g. "app" or "1000:1000".',
  );
  expect(output).toContain(
    'Each working_directory must be an absolute path of printable ASCII characters without spaces, e.g. "/app".',
  );
  expect(output).toContain('Each stop_timeout_seconds must be a whole number from 2 to 120.');
});

test('valid ones plan, and reach the container definition', () => {
  const { status, output } = planConfiguration(
    taskDefinition(
      'user = "1000:1000", working_directory = "/srv/report", stop_timeout_seconds = 90',
    ),
  );
  expect(output).not.toContain('Error');
  expect(status).toBe(0);
  expect(output).toContain(
    '+ stopTimeout = 90 + user = "1000:1000" + workingDirectory = "/srv/report" }',
  );
});

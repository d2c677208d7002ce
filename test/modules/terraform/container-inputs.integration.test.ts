import { AWS_ROOT_CONFIG, moduleSource, planConfiguration } from '../../support/terraform';

/**
 * The fargate-task-definition module refuses, at plan, the container settings the construct
 * refuses at synth (user, working directory, stop timeout), with the same words for what is
 * allowed; and takes the valid ones. Real Terraform, through the stand-in provider.
 */
jest.setTimeout(120_000);

const SOURCE = moduleSource('fargate-task-definition');
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

test('environment names, credentials in plain environment, ports, health checks, dependencies, ulimits', () => {
  const { status, output } = planConfiguration(
    taskDefinition(
      [
        'environment = { "1ST" = "a", DB_PASSWORD = "hunter2", TOKEN_ARN = "arn:aws:ssm:eu-west-1:123456789012:parameter/t" }',
        'port_mappings = [{ container_port = 70000, protocol = "sctp" }]',
        'health_check = { command = ["CMD", "true"], interval_seconds = 1 }',
        'depends_on = [{ container_name = "app", condition = "READY" }]',
        'ulimits = [{ name = "files", soft_limit = 1, hard_limit = 2 }, { name = "nofile", soft_limit = 9, hard_limit = 1 }]',
      ].join(', '),
    ),
  );
  expect(status).toBe(1);
  for (const message of [
    'Each environment variable name must be letters, digits and _, not starting with a digit.',
    'An environment variable whose name says it holds a credential (password, secret, token, api key, private or access key, credential) must come from secrets, by ARN, not from environment.',
    'Each port mapping must have a container_port from 1 to 65535 and protocol tcp or udp.',
    'Each health_check needs a command, interval_seconds from 5 to 300',
    'Each depends_on condition must be START, COMPLETE, SUCCESS or HEALTHY.',
    'Each ulimit must name one of core, cpu, data',
  ])
    expect(output).toContain(message);
});

test('valid environment, ports, health check and ulimits plan', () => {
  const { status, output } = planConfiguration(
    taskDefinition(
      [
        'environment = { STAGE = "prod", DB_PASSWORD_ARN = "arn:aws:ssm:eu-west-1:123456789012:parameter/p" }',
        'port_mappings = [{ container_port = 8080 }]',
        'health_check = { command = ["CMD-SHELL", "true"] }',
        'ulimits = [{ name = "nofile", soft_limit = 1024, hard_limit = 4096 }]',
      ].join(', '),
    ),
  );
  expect(output).not.toContain('Error');
  expect(status).toBe(0);
});

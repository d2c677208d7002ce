// Shared fixtures for the runner tests. Import it before anything that loads the AWS SDK.
import { type RunnerConfig } from '../../src/runner/config';

// AWS SDK v3 releases since mid-2026 warn once per process on Node < 22 that later releases
// will require Node 22. Lambda runs the handler on Node 22+, where the SDK prints nothing; this
// machine runs Node 20. The SDK's documented switch silences that one warning in tests only.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

/** A valid configuration with one task and the Fargate launch type. */
export function testConfig(overrides: Partial<RunnerConfig> = {}): RunnerConfig {
  return {
    cluster: 'arn:aws:ecs:eu-west-1:123456789012:cluster/jobs',
    tasks: { report: { taskDefinition: 'reports-prod-report', container: 'app' } },
    subnets: ['subnet-0123456789abcdef0', 'subnet-0fedcba9876543210'],
    securityGroups: ['sg-0123456789abcdef0'],
    assignPublicIp: false,
    launchType: 'FARGATE',
    enableExecuteCommand: false,
    ...overrides,
  };
}

/** A Lambda context with a fixed request id. */
export const CONTEXT = { awsRequestId: '6bc28136-a2d3-4e2f-9d4b-0a1c8c3f1e27' };

/** A task ARN in the test cluster. */
export function taskArn(id: string): string {
  return `arn:aws:ecs:eu-west-1:123456789012:task/jobs/${id}`;
}

/** Records what is written to stdout, stderr and the console while `run` runs. */
export async function captureOutput<T>(
  run: () => Promise<T>,
): Promise<{ output: string; result?: T; error?: unknown }> {
  const chunks: string[] = [];
  const record = (chunk: unknown) => {
    chunks.push(String(chunk));
    return true;
  };
  const spies = [
    jest.spyOn(process.stdout, 'write').mockImplementation(record),
    jest.spyOn(process.stderr, 'write').mockImplementation(record),
    ...(['log', 'info', 'warn', 'error', 'debug'] as const).map((m) =>
      jest
        .spyOn(console, m)
        .mockImplementation((...args: unknown[]) => void record(args.join(' '))),
    ),
  ];
  try {
    const result = await run();
    return { output: chunks.join(''), result };
  } catch (error) {
    return { output: chunks.join(''), error };
  } finally {
    spies.forEach((s) => s.mockRestore());
  }
}

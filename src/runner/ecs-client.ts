import { ECSClient, type ECSClientConfig } from '@aws-sdk/client-ecs';

/**
 * The runner's ECS client: the SDK's standard retry mode (exponential backoff with jitter,
 * throttling and transient errors retried, 3 attempts). Region and credentials come from the
 * Lambda environment; `overrides` exist for tests.
 */
export function createEcsClient(overrides: ECSClientConfig = {}): ECSClient {
  return new ECSClient({ retryMode: 'standard', maxAttempts: 3, ...overrides });
}

// The failure queue's Lambda entry point (`diagnose.handler` in its own zip), bundled by
// modules/lambda-runner/bundle.ts. Everything here runs once per container.
import { SNSClient } from '@aws-sdk/client-sns';
import { jsonLogger } from '../runner/log';
import {
  FAILURES_CONFIG_VARIABLE,
  createFailureConsumer,
  parseFailureConsumerConfig,
} from './consumer';

/** Diagnoses each stopped task of an SQS batch, logs it and publishes it; see createFailureConsumer. */
export const handler = createFailureConsumer({
  // A broken configuration fails the cold start with every problem named.
  config: parseFailureConsumerConfig(process.env[FAILURES_CONFIG_VARIABLE]),
  sns: new SNSClient({ retryMode: 'standard', maxAttempts: 3 }),
  log: jsonLogger(),
});

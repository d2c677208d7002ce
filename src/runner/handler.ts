// The Lambda entry point, bundled by bundle.ts. Everything here runs once per container.
import { RUNNER_CONFIG_VARIABLE, parseRunnerConfig } from './config';
import { createEcsClient } from './ecs-client';
import { jsonLogger } from './log';
import { createRunner } from './runner';

/** Starts the requested task with RunTask; see RunEvent for the input and RunResult for the output. */
export const handler = createRunner({
  // A broken configuration fails the cold start with every problem named.
  config: parseRunnerConfig(process.env[RUNNER_CONFIG_VARIABLE]),
  ecs: createEcsClient(),
  log: jsonLogger(),
});

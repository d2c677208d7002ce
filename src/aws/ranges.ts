/** A range of whole numbers, both ends included. */
export type Range = readonly [min: number, max: number];

/**
 * The ranges AWS accepts for the numbers the constructs and the settings take, each written
 * once: the constructs check them (`checkInteger`), the settings schema (`integer`) too.
 */
export const Ranges = {
  /** Lambda function memory, MiB. */
  lambdaMemoryMiB: [128, 10_240],
  /** Lambda function timeout, seconds. */
  lambdaTimeoutSeconds: [1, 900],
  /** Reserved concurrency of a function (the account's pool caps it further). */
  lambdaReservedConcurrency: [0, 10_000],
  /** Retries of a failed asynchronous invocation. */
  lambdaRetryAttempts: [0, 2],
  /** Maximum age of an asynchronous event, seconds. */
  lambdaEventAgeSeconds: [60, 21_600],
  /** Fargate ephemeral storage beyond the free 20 GiB. */
  fargateEphemeralStorageGiB: [21, 200],
  /** Seconds ECS waits for a container to exit on its own when its task stops. */
  containerStopTimeoutSeconds: [2, 120],
  /** Tasks one RunTask call starts. */
  runTaskCount: [1, 10],
  /** Days an SQS queue keeps a message. */
  sqsRetentionDays: [1, 14],
} as const satisfies Record<string, Range>;

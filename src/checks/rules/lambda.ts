import { blocks, isUnknown, type Config, type TerraformResource } from '../model/terraform';
import { wholeReference, referencedResource } from '../model/template';
import { type StackModel } from '../model/stack';
import { type Rule, type RuleResult } from '../types';
import { RUNTIME_DEPRECATIONS } from './lambda-runtimes';

const functions = (stack: StackModel) => stack.ofType('aws_lambda_function');

/** Reports each function for which `fails` returns a message. */
function eachFunction(
  stack: StackModel,
  fails: (fn: TerraformResource) => string | undefined,
): RuleResult[] {
  return functions(stack).flatMap((fn) => {
    const message = fails(fn);
    return message ? [{ address: fn.address, message }] : [];
  });
}

/** Whether an event invoke config of the stack sends the function's failures somewhere. */
function hasFailureDestination(stack: StackModel, fn: TerraformResource): boolean {
  return stack.ofType('aws_lambda_function_event_invoke_config').some(({ config }) => {
    const target = typeof config.function_name === 'string' ? config.function_name : '';
    const reference = wholeReference(target);
    const refersToFn = reference
      ? referencedResource(reference)?.address === fn.address
      : target !== '' && target === fn.config.function_name;
    return (
      refersToFn &&
      blocks(config.destination_config)
        .flatMap((d) => blocks(d.on_failure))
        .some((f) => typeof f.destination === 'string' && f.destination !== '')
    );
  });
}

export const lambdaWithoutDlq: Rule = {
  id: 'FR-LAMBDA-NO-DLQ',
  severity: 'warning',
  rationale:
    'asynchronous invocations (schedules, events) that keep failing are dropped silently without a DLQ or on-failure destination',
  anchors: ['checkov CKV_AWS_116'],
  check: (stack) =>
    eachFunction(stack, (fn) =>
      blocks(fn.config.dead_letter_config).some((d) => d.target_arn) ||
      hasFailureDestination(stack, fn)
        ? undefined
        : 'has no dead-letter queue or on-failure destination: failed asynchronous invocations are lost',
    ),
};

export const lambdaWithoutTimeout: Rule = {
  id: 'FR-LAMBDA-NO-TIMEOUT',
  severity: 'warning',
  rationale:
    'the default Lambda timeout is 3 seconds: set it explicitly to what the function needs',
  anchors: ['project rule'],
  check: (stack) =>
    eachFunction(stack, (fn) =>
      fn.config.timeout === undefined
        ? 'has no explicit timeout (the default is 3 seconds)'
        : undefined,
    ),
};

export const lambdaDeprecatedRuntime: Rule = {
  id: 'FR-LAMBDA-DEPRECATED-RUNTIME',
  severity: 'error',
  rationale:
    'a deprecated runtime gets no security patches, and AWS blocks creating and then updating such functions',
  anchors: ['cdk-nag AwsSolutions-L1'],
  check: (stack, { today }) =>
    eachFunction(stack, ({ config }: { config: Config }) => {
      const runtime = typeof config.runtime === 'string' ? config.runtime : undefined;
      const deprecated = runtime ? RUNTIME_DEPRECATIONS[runtime] : undefined;
      return deprecated && deprecated <= today
        ? `uses the runtime ${runtime}, deprecated since ${deprecated}: move to a supported runtime`
        : undefined;
    }),
};

export const lambdaWithoutConcurrencyLimit: Rule = {
  id: 'FR-LAMBDA-NO-CONCURRENCY-LIMIT',
  severity: 'warning',
  rationale:
    'without reserved concurrency a burst of invocations can start unbounded tasks and starve other functions',
  anchors: ['checkov CKV_AWS_115'],
  check: (stack) =>
    eachFunction(stack, (fn) => {
      const limit = fn.config.reserved_concurrent_executions;
      // Unset: absent, or the provider's default -1 in a plan.
      return limit === undefined || limit === -1 || isUnknown(limit)
        ? 'has no reserved_concurrent_executions: set a concurrency limit'
        : undefined;
    }),
};

export const lambdaWithoutTracing: Rule = {
  id: 'FR-LAMBDA-NO-TRACING',
  severity: 'warning',
  rationale:
    'without active X-Ray tracing a failed RunTask call cannot be followed across services',
  anchors: ['checkov CKV_AWS_50'],
  check: (stack) =>
    eachFunction(stack, (fn) =>
      blocks(fn.config.tracing_config).some((t) => t.mode === 'Active')
        ? undefined
        : 'has no active tracing: set tracing_config mode = Active',
    ),
};

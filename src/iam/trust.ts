import { type AwsContext } from '../aws/context';
import { type Conditions, type PolicyStatement } from './statement';

/** An AWS service that assumes a role, and what it tells IAM about the request. */
export interface TrustedService {
  /** The service principal, e.g. `ecs-tasks.amazonaws.com`. */
  readonly principal: string;
  /** Statement ID of the trust statement, e.g. `AssumeByEcsTasks`. */
  readonly sid: string;
  /**
   * The service namespace in the ARN of the resource on whose behalf the service assumes the
   * role (`ecs` for tasks); the trust policy then requires `aws:SourceArn` to be in this
   * account and region. Undefined for services that do not send `aws:SourceArn`.
   */
  readonly sourceArnService?: string;
}

/** The services whose trust the modules configure. */
export const TrustedServices = {
  /** ECS tasks: the execution role (agent) and the task role (application). */
  ecsTasks: {
    principal: 'ecs-tasks.amazonaws.com',
    sid: 'AssumeByEcsTasks',
    sourceArnService: 'ecs',
  },
  /** Lambda functions: Lambda does not send `aws:SourceArn` when assuming a function's role. */
  lambda: { principal: 'lambda.amazonaws.com', sid: 'AssumeByLambda' },
  /** EventBridge Scheduler schedules. */
  scheduler: {
    principal: 'scheduler.amazonaws.com',
    sid: 'AssumeByScheduler',
    sourceArnService: 'scheduler',
  },
} as const satisfies Record<string, TrustedService>;

/**
 * The confused-deputy guard: the service may assume the role only for requests from this
 * account (`aws:SourceAccount` StringEquals) and, where the service sends it, for resources in
 * this account and region (`aws:SourceArn` ArnLike `arn:<partition>:<service>:<region>:<account>:*`).
 */
export function confusedDeputyConditions(
  context: AwsContext,
  service: TrustedService,
  sourceResource = '*',
): Conditions {
  return {
    StringEquals: { 'aws:SourceAccount': context.accountId },
    ...(service.sourceArnService && {
      ArnLike: { 'aws:SourceArn': context.arn(service.sourceArnService, sourceResource) },
    }),
  };
}

/**
 * The trust statement letting `service` assume a role, with the confused-deputy conditions.
 * `sourceResource` narrows `aws:SourceArn` to one resource of the service (e.g.
 * `schedule/default/nightly`) where the role serves only that resource.
 */
export function serviceTrustStatement(
  context: AwsContext,
  service: TrustedService,
  sourceResource?: string,
): PolicyStatement {
  return {
    sid: service.sid,
    actions: ['sts:AssumeRole'],
    principals: { Service: [service.principal] },
    conditions: confusedDeputyConditions(context, service, sourceResource),
  };
}

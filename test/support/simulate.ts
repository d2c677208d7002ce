import { runSimulation } from '@cloud-copilot/iam-simulate';
import { type PolicyDocumentJson } from '../../src/iam/document';
import { ACCOUNT } from './synth';

/** A request to evaluate: an action on a resource with request context keys. */
export interface Request {
  readonly action: string;
  readonly resource: string;
  readonly context?: Record<string, string | string[]>;
}

const DEFAULT_KEY_POLICY = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'EnableIamPolicies',
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
      Action: 'kms:*',
      Resource: '*',
    },
  ],
};

type Decision = 'Allowed' | 'ExplicitlyDenied' | 'ImplicitlyDenied';

/**
 * Evaluates identity policies for a request with `@cloud-copilot/iam-simulate`, which also
 * rejects unknown actions, resources that fit no resource type of the action and context keys
 * the action does not support: a typo in a test request fails loudly instead of passing as
 * "denied".
 */
export async function decide(
  policies: readonly PolicyDocumentJson[],
  request: Request,
): Promise<Decision> {
  const response = await runSimulation(
    {
      request: {
        principal: `arn:aws:iam::${ACCOUNT}:role/principal-under-test`,
        action: request.action,
        resource: { resource: request.resource, accountId: ACCOUNT },
        contextVariables: request.context ?? {},
      },
      identityPolicies: policies.map((policy, i) => ({
        name: `policy${i}`,
        policy: policy as never,
      })),
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      // KMS also requires the key policy to allow; the default key policy delegates to IAM.
      ...(request.action.startsWith('kms:') && { resourcePolicy: DEFAULT_KEY_POLICY as never }),
    },
    {},
  );
  if (response.resultType === 'error') {
    throw new Error(
      `simulation of ${JSON.stringify(request)} failed: ${JSON.stringify(response.errors)}`,
    );
  }
  return response.overallResult as Decision;
}

/** Evaluates a trust policy: may `service` assume the role for a request with this context? */
export async function decideTrust(
  trust: PolicyDocumentJson,
  roleArn: string,
  service: string,
  context: Record<string, string>,
): Promise<Decision> {
  const response = await runSimulation(
    {
      request: {
        principal: service,
        action: 'sts:AssumeRole',
        resource: { resource: roleArn, accountId: ACCOUNT },
        contextVariables: context,
      },
      identityPolicies: [],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      resourcePolicy: trust as never,
    },
    {},
  );
  if (response.resultType === 'error') {
    throw new Error(`trust simulation failed: ${JSON.stringify(response.errors)}`);
  }
  return response.overallResult as Decision;
}

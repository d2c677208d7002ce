import { ServiceRole } from '../../src/iam/service-role';
import { documentSize, packStatements } from '../../src/iam/split';
import { type CanonicalStatement } from '../../src/iam/statement';
import { TrustedServices } from '../../src/iam/trust';
import { newStack, resourcesOfType, synth } from '../support/synth';

const statement = (sid: string, resources: number): CanonicalStatement => ({
  sid,
  effect: 'Allow',
  actions: ['sqs:SendMessage'],
  resources: Array.from({ length: resources }, (_, i) => `r${String(i).padStart(4, '0')}`),
});
/** One character per resource plus 10 for the rest: easy to follow by hand. */
const size = (s: CanonicalStatement) => 10 + s.resources.length;

describe('packStatements', () => {
  test('first fit in order, each document inside its limit', () => {
    const statements = [statement('A', 500), statement('B', 500), statement('C', 100)];
    const documents = packStatements(statements, size, { first: 1000, rest: 600, maxRest: 2 });
    expect(documents?.map((d) => d.map((s) => `${s.sid}:${s.resources.length}`))).toEqual([
      ['A:500', 'C:100'],
      ['B:500'],
    ]);
    // 39 for the envelope, 510 + 110 for the statements, 1 comma.
    expect(documents?.map((d) => documentSize(d, size))).toEqual([660, 549]);
  });

  test('a statement larger than a document is split by its resources, never widened', () => {
    const big = statement('Run', 1500);
    const documents = packStatements([big], size, { first: 1000, rest: 600, maxRest: 3 }) ?? [];
    const parts = documents.flat();
    expect(parts.map((p) => p.sid)).toEqual(['Run', 'RunPart2', 'RunPart3']);
    expect(parts.flatMap((p) => p.resources)).toEqual(big.resources);
    for (const p of parts)
      expect({ ...p, sid: 'Run', resources: [] }).toEqual({ ...big, resources: [] });
  });

  test('more than the quota allows is undefined (the caller reports it)', () => {
    expect(
      packStatements([statement('A', 300)], size, { first: 100, rest: 80, maxRest: 2 }),
    ).toBeUndefined();
  });
});

describe('ServiceRole within IAM limits', () => {
  const role = (resources: number, managedPolicyArns: string[] = []) => {
    const stack = newStack();
    const r = new ServiceRole(stack, 'role', {
      roleName: 'big',
      assumedBy: TrustedServices.lambda,
      managedPolicyArns,
    });
    r.addToPrincipalPolicy({
      sid: 'Send',
      actions: ['sqs:SendMessage'],
      resources: Array.from(
        { length: resources },
        (_, i) => `arn:aws:sqs:eu-west-1:123456789012:queue-${i}`,
      ),
    });
    return stack;
  };

  test('a policy inside the inline budget stays one aws_iam_role_policy', () => {
    const json = synth(role(10));
    expect(Object.keys(resourcesOfType(json, 'aws_iam_role_policy'))).toHaveLength(1);
    expect(resourcesOfType(json, 'aws_iam_policy')).toEqual({});
  });

  test('beyond the managed-policy quota, synth fails with a clear error', () => {
    const attached = Array.from({ length: 10 }, (_, i) => `arn:aws:iam::123456789012:policy/p${i}`);
    expect(() => synth(role(400, attached))).toThrow(
      /^test\/role: permissions do not fit IAM's limits for one role: received "1 statements, about [\d,]+ characters"; allowed: what the role policy \(10,240 characters\) and the 0 managed policies the role may still attach \(10 per role, 6,144 characters each\) can hold/,
    );
  });
});

import { Token } from 'cdktf';
import { checkSecretReference, parseSecretReference } from '../../src/aws/secrets';
import { Problems } from '../../src/errors';

const BASE = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret';

describe('parseSecretReference', () => {
  test('a complete secret ARN is granted as is', () => {
    expect(parseSecretReference(`${BASE}:db-AbCdEf`)).toEqual({
      service: 'secretsmanager',
      valueFrom: `${BASE}:db-AbCdEf`,
      resourceArn: `${BASE}:db-AbCdEf`,
    });
  });

  test('the json-key:version-stage:version-id suffix is parsed and stripped from the resource', () => {
    expect(parseSecretReference(`${BASE}:db-AbCdEf:password:AWSPREVIOUS:`)).toEqual({
      service: 'secretsmanager',
      valueFrom: `${BASE}:db-AbCdEf:password:AWSPREVIOUS:`,
      resourceArn: `${BASE}:db-AbCdEf`,
      jsonKey: 'password',
      versionStage: 'AWSPREVIOUS',
    });
    expect(parseSecretReference(`${BASE}:db-AbCdEf:::0123-version`)).toMatchObject({
      resourceArn: `${BASE}:db-AbCdEf`,
      versionId: '0123-version',
    });
    expect(parseSecretReference(`${BASE}:db-AbCdEf::`)).not.toHaveProperty('jsonKey');
  });

  test('a partial ARN (no six-character suffix) matches that secret name and no other', () => {
    expect(parseSecretReference(`${BASE}:team/db`)).toMatchObject({
      resourceArn: `${BASE}:team/db-??????`,
    });
    expect(parseSecretReference(`${BASE}:team/db:username::`)).toMatchObject({
      resourceArn: `${BASE}:team/db-??????`,
      jsonKey: 'username',
    });
  });

  test('an SSM parameter ARN', () => {
    const arn = 'arn:aws:ssm:eu-west-1:123456789012:parameter/app/db/host';
    expect(parseSecretReference(arn)).toEqual({ service: 'ssm', valueFrom: arn, resourceArn: arn });
  });

  test.each([
    ['db-password', 'is not an ARN'],
    [
      'arn:aws:s3:::bucket/key',
      'is an ARN of service "s3", not a Secrets Manager secret or SSM parameter ARN',
    ],
    [`${BASE}:db-AbCdEf:a:b:c:d`, 'has more than three fields after the secret name'],
    [`${BASE}:db-*`, 'contains a wildcard (name the exact secret)'],
    [
      'arn:aws:secretsmanager:eu-west-1:123456789012:db',
      'is not a Secrets Manager secret ARN (resource part "db")',
    ],
    [
      'arn:aws:ssm:eu-west-1:123456789012:document/x',
      'is not an SSM parameter ARN (resource part "document/x")',
    ],
  ])('rejects %s: %s', (value, reason) => {
    expect(parseSecretReference(value)).toBe(reason);
  });
});

describe('checkSecretReference', () => {
  test('records a problem for a service not accepted here', () => {
    const problems = new Problems();
    const result = checkSecretReference(
      problems,
      'secretArns[0]',
      'arn:aws:ssm:eu-west-1:123456789012:parameter/x',
      ['secretsmanager'],
    );
    expect(result).toBeUndefined();
    expect(problems.all).toEqual([
      {
        property: 'secretArns[0]',
        received: 'arn:aws:ssm:eu-west-1:123456789012:parameter/x',
        reason: 'is an ARN of service "ssm", which is not accepted here',
        allowed:
          'a Secrets Manager secret ARN such as arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-password-AbCdEf',
      },
    ]);
  });

  test('passes tokens without a problem', () => {
    const problems = new Problems();
    expect(checkSecretReference(problems, 'x', Token.asString({ Ref: 'x' }))).toBeUndefined();
    expect(problems.all).toEqual([]);
  });
});

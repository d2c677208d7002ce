import { Token } from 'cdktf';
import { ArnKinds, arnProblem, checkArn, checkArns, formatArn, parseArn } from '../../src/aws/arn';
import { Problems } from '../../src/errors';

describe('parseArn / formatArn', () => {
  test('splits the six fields, keeping colons inside the resource', () => {
    expect(parseArn('arn:aws:logs:eu-west-1:123456789012:log-group:/ecs/app:log-stream:*')).toEqual(
      {
        partition: 'aws',
        service: 'logs',
        region: 'eu-west-1',
        account: '123456789012',
        resource: 'log-group:/ecs/app:log-stream:*',
      },
    );
    expect(parseArn('arn:aws:s3:::bucket')).toEqual({
      partition: 'aws',
      service: 's3',
      region: '',
      account: '',
      resource: 'bucket',
    });
  });

  test('returns undefined for strings that are not ARNs', () => {
    expect(parseArn('my-bucket')).toBeUndefined();
    expect(parseArn('arn:aws:s3')).toBeUndefined();
    expect(parseArn('urn:aws:s3:::bucket')).toBeUndefined();
  });

  test('formatArn is the inverse of parseArn', () => {
    const arn = 'arn:aws-cn:ecr:cn-north-1:123456789012:repository/team/app';
    expect(formatArn(parseArn(arn)!)).toBe(arn);
  });
});

describe('arnProblem', () => {
  test.each(Object.entries(ArnKinds))('accepts the documented example of %s', (_name, kind) => {
    expect(arnProblem(kind.example, kind)).toBeUndefined();
  });

  test.each([
    [
      'arn:aws:secretsmanager:eu-west-1:123456789012:secret:x-AbCdEf',
      'is an ARN of service "secretsmanager", not an ECR repository ARN',
    ],
    [
      'arn:aws:ecr:eu-west-1:12345678901:repository/app',
      'has no valid 12-digit account ID ("12345678901")',
    ],
    ['arn:aws:ecr::123456789012:repository/app', 'has no valid region ("")'],
    [
      'arn:aws:ecr:eu-west-1:123456789012:repository/App',
      'is not an ECR repository ARN (resource part "repository/App")',
    ],
    [
      'arn:aws:ecr:eu-west-1:123456789012:registry/app',
      'is not an ECR repository ARN (resource part "registry/app")',
    ],
    ['arn:azure:ecr:eu-west-1:123456789012:repository/app', 'has an unknown partition "azure"'],
    ['repository/app', 'is not an ARN'],
  ])('rejects %s as an ECR repository: %s', (arn, reason) => {
    expect(arnProblem(arn, ArnKinds.ecrRepository)).toBe(reason);
  });

  test('accepts nested ECR repository names and other partitions', () => {
    expect(
      arnProblem(
        'arn:aws-us-gov:ecr:us-gov-west-1:123456789012:repository/team/app.api_v2',
        ArnKinds.ecrRepository,
      ),
    ).toBeUndefined();
  });

  test('knows global services have no region and S3 has no account', () => {
    expect(arnProblem('arn:aws:iam:eu-west-1:123456789012:role/x', ArnKinds.iamRole)).toBe(
      'must have an empty region field',
    );
    expect(arnProblem('arn:aws:s3:::bucket', ArnKinds.s3Bucket)).toBeUndefined();
    expect(arnProblem('arn:aws:s3::123456789012:bucket', ArnKinds.s3Bucket)).toBe(
      'must have an empty account field',
    );
    expect(
      arnProblem('arn:aws:iam::aws:policy/ReadOnlyAccess', ArnKinds.iamPolicy),
    ).toBeUndefined();
    expect(arnProblem('arn:aws:iam::aws:role/x', ArnKinds.iamRole)).toBe(
      'has no valid 12-digit account ID ("aws")',
    );
  });

  test('accepts only key ARNs for KMS (not aliases)', () => {
    expect(
      arnProblem(
        'arn:aws:kms:eu-west-1:123456789012:key/mrk-1234567890abcdef1234567890abcdef',
        ArnKinds.kmsKey,
      ),
    ).toBeUndefined();
    expect(arnProblem('arn:aws:kms:eu-west-1:123456789012:alias/app', ArnKinds.kmsKey)).toMatch(
      /^is not a KMS key ARN/,
    );
  });

  test('skips tokens: Terraform knows their value only later', () => {
    expect(arnProblem(Token.asString({ Ref: 'x' }), ArnKinds.ecrRepository)).toBeUndefined();
  });
});

describe('checkArns', () => {
  test('records one problem per bad item with its index, wildcards included', () => {
    const problems = new Problems();
    checkArns(
      problems,
      'repositoryArns',
      [ArnKinds.ecrRepository.example, 'arn:aws:ecr:eu-west-1:123456789012:repository/*', 'x'],
      ArnKinds.ecrRepository,
    );
    expect(problems.all.map((p) => [p.property, p.reason])).toEqual([
      ['repositoryArns[1]', 'contains a wildcard (name the exact resource)'],
      ['repositoryArns[2]', 'is not an ARN'],
    ]);
    expect(problems.all[0].allowed).toBe(
      'an ECR repository ARN naming one exact resource, such as arn:aws:ecr:eu-west-1:123456789012:repository/my-app',
    );
  });

  test('skips a list token', () => {
    const problems = new Problems();
    checkArns(problems, 'repositoryArns', Token.asList({ Ref: 'x' }), ArnKinds.ecrRepository);
    expect(problems.all).toEqual([]);
  });
});

test('a password where a secret ARN belongs is not shown; other non-ARNs are', () => {
  const problems = new Problems();
  checkArn(problems, 'secretArn', 'hunter2-pw', ArnKinds.secretsManagerSecret);
  checkArn(problems, 'parameterArn', 'hunter2-pw', ArnKinds.ssmParameter);
  checkArn(problems, 'kmsKeyArn', 'alias/reports', ArnKinds.kmsKey);
  expect(problems.toMessages()).toEqual([
    `secretArn is not an ARN: received [hidden]; allowed: a Secrets Manager secret ARN naming one exact resource, such as ${ArnKinds.secretsManagerSecret.example}`,
    `parameterArn is not an ARN: received [hidden]; allowed: an SSM parameter ARN naming one exact resource, such as ${ArnKinds.ssmParameter.example}`,
    `kmsKeyArn is not an ARN: received "alias/reports"; allowed: a KMS key ARN naming one exact resource, such as ${ArnKinds.kmsKey.example}`,
  ]);
});

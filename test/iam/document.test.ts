import { escapeTemplateSyntax, mergeStatements, PolicyDocument } from '../../src/iam/document';
import { type PolicyStatement } from '../../src/iam/statement';

const runTask = (family: string, cluster: string): PolicyStatement => ({
  sid: 'RunTask',
  actions: ['ecs:RunTask'],
  resources: [`arn:aws:ecs:eu-west-1:123456789012:task-definition/${family}:*`],
  conditions: {
    ArnEquals: { 'ecs:cluster': `arn:aws:ecs:eu-west-1:123456789012:cluster/${cluster}` },
  },
});

describe('PolicyDocument', () => {
  test('renders IAM JSON with Sid, Effect, Action, Resource and Condition', () => {
    const document = new PolicyDocument([runTask('report', 'jobs')]);
    expect(document.toJson()).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'RunTask',
          Effect: 'Allow',
          Action: ['ecs:RunTask'],
          Resource: ['arn:aws:ecs:eu-west-1:123456789012:task-definition/report:*'],
          Condition: {
            ArnEquals: { 'ecs:cluster': 'arn:aws:ecs:eu-west-1:123456789012:cluster/jobs' },
          },
        },
      ],
    });
  });

  test('merges statements that differ only in resources, and de-duplicates', () => {
    const merged = mergeStatements([
      runTask('b', 'jobs'),
      runTask('a', 'jobs'),
      runTask('b', 'jobs'),
    ]);
    expect(merged).toHaveLength(1);
    expect(merged[0].resources).toEqual([
      'arn:aws:ecs:eu-west-1:123456789012:task-definition/a:*',
      'arn:aws:ecs:eu-west-1:123456789012:task-definition/b:*',
    ]);
  });

  test('keeps statements with different conditions apart and numbers their Sids', () => {
    const merged = mergeStatements([runTask('a', 'other'), runTask('a', 'jobs')]);
    expect(merged.map((s) => [s.sid, s.conditions])).toEqual([
      [
        'RunTask',
        { ArnEquals: { 'ecs:cluster': 'arn:aws:ecs:eu-west-1:123456789012:cluster/jobs' } },
      ],
      [
        'RunTask2',
        { ArnEquals: { 'ecs:cluster': 'arn:aws:ecs:eu-west-1:123456789012:cluster/other' } },
      ],
    ]);
  });

  test('never numbers a Sid into one another statement was given', () => {
    const merged = mergeStatements([
      { sid: 'Read', actions: ['s3:GetObject'], resources: ['arn:aws:s3:::a/*'] },
      { sid: 'Read', actions: ['s3:ListBucket'], resources: ['arn:aws:s3:::a'] },
      {
        sid: 'Read2',
        actions: ['sns:Publish'],
        resources: ['arn:aws:sns:eu-west-1:123456789012:t'],
      },
    ]);
    expect(merged.map((s) => s.sid)).toEqual(['Read', 'Read3', 'Read2']);
    expect(new Set(merged.map((s) => s.sid)).size).toBe(3);
  });

  test('keeps Sids apart: equal permissions under different Sids are not merged', () => {
    const merged = mergeStatements([
      { sid: 'SecretsRead', actions: ['secretsmanager:GetSecretValue'], resources: ['arn:1'] },
      {
        sid: 'RegistryCredentialsRead',
        actions: ['secretsmanager:GetSecretValue'],
        resources: ['arn:2'],
      },
    ]);
    expect(merged.map((s) => s.sid)).toEqual(['RegistryCredentialsRead', 'SecretsRead']);
  });

  test('sorts actions, resources, principals and condition values; order of input does not matter', () => {
    const a: PolicyStatement = {
      sid: 'X',
      actions: ['s3:PutObject', 's3:GetObject', 's3:GetObject'],
      resources: ['arn:aws:s3:::b/*', 'arn:aws:s3:::a/*'],
      conditions: {
        StringLike: { 's3:prefix': ['z/', 'a/'] },
        Bool: { 'aws:SecureTransport': 'true' },
      },
    };
    const b: PolicyStatement = {
      sid: 'A',
      effect: 'Deny',
      actions: ['s3:DeleteObject'],
      resources: ['*'],
    };
    const one = JSON.stringify(new PolicyDocument([a, b]).toJson());
    const two = JSON.stringify(new PolicyDocument([b, a]).toJson());
    expect(one).toBe(two);
    expect(new PolicyDocument([a]).toJson().Statement[0]).toEqual({
      Sid: 'X',
      Effect: 'Allow',
      Action: ['s3:GetObject', 's3:PutObject'],
      Resource: ['arn:aws:s3:::a/*', 'arn:aws:s3:::b/*'],
      Condition: {
        Bool: { 'aws:SecureTransport': 'true' },
        StringLike: { 's3:prefix': ['a/', 'z/'] },
      },
    });
    expect(Object.keys(new PolicyDocument([a]).toJson().Statement[0].Condition!)).toEqual([
      'Bool',
      'StringLike',
    ]);
  });

  test('renders principals for trust policies and omits Resource there', () => {
    const document = new PolicyDocument([
      {
        sid: 'Trust',
        actions: ['sts:AssumeRole'],
        principals: { Service: ['b.amazonaws.com', 'a.amazonaws.com'] },
      },
    ]);
    expect(document.toJson().Statement[0]).toEqual({
      Sid: 'Trust',
      Effect: 'Allow',
      Principal: { Service: ['a.amazonaws.com', 'b.amazonaws.com'] },
      Action: ['sts:AssumeRole'],
    });
  });

  test('includes producers, evaluated at render time', () => {
    const resources: string[] = [];
    const document = new PolicyDocument();
    document.addProducer(() =>
      resources.length ? [{ sid: 'Late', actions: ['sns:Publish'], resources }] : [],
    );
    expect(document.isEmpty).toBe(true);
    resources.push('arn:aws:sns:eu-west-1:123456789012:t');
    expect(document.isEmpty).toBe(false);
    expect(document.statements[0].resources).toEqual(['arn:aws:sns:eu-west-1:123456789012:t']);
  });

  test('rejects Sids IAM would reject', () => {
    expect(
      () => new PolicyDocument([{ sid: 'run-task', actions: ['ecs:RunTask'], resources: ['*'] }]),
    ).toThrow('Policy statement Sid "run-task" is invalid: use letters and digits only');
  });
});

describe('escapeTemplateSyntax', () => {
  test('escapes IAM policy variables and template directives but not cdktf tokens', () => {
    expect(escapeTemplateSyntax('a/${aws:username}/${TfToken[TOKEN.12]}/%{if x}')).toBe(
      'a/$${aws:username}/${TfToken[TOKEN.12]}/%%{if x}',
    );
  });
});

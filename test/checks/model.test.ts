import { StackModel } from '../../src/checks/model/stack';
import { maskTemplate, parseTemplate } from '../../src/checks/model/template';
import { policy } from './helpers';

describe('Terraform strings', () => {
  test('split into literals, references (with nested braces) and escaped policy variables', () => {
    expect(
      parseTemplate(
        'arn:${data.aws_partition.current.partition}:s3:::b/$${aws:username}/${lookup({a = "}"}, "a")}%%{x}',
      ),
    ).toEqual([
      { kind: 'literal', text: 'arn:' },
      { kind: 'reference', expression: 'data.aws_partition.current.partition' },
      { kind: 'literal', text: ':s3:::b/' },
      { kind: 'variable', name: 'aws:username' },
      { kind: 'literal', text: '/' },
      { kind: 'reference', expression: 'lookup({a = "}"}, "a")' },
      { kind: 'literal', text: '%{x}' },
    ]);
  });

  test('mask references so that only the policy’s own wildcards remain', () => {
    expect(maskTemplate('arn:${var.p}:iam::${var.a}:role/$${aws:username}-*')).toBe(
      'arn:{ref}:iam::{ref}:role/{var}-*',
    );
  });
});

describe('the stack model', () => {
  const tagged = (tags: Record<string, string>) =>
    new StackModel('s', { provider: { aws: [{ default_tags: [{ tags }] }] } }).production;

  test('is production when a provider default tag says environment = prod or production', () => {
    expect(tagged({ Environment: 'production' })).toBe(true);
    expect(tagged({ environment: 'PROD' })).toBe(true);
    expect(tagged({ environment: 'staging' })).toBe(false);
    expect(tagged({ env: 'prod' })).toBe(false);
    expect(new StackModel('s', {}).production).toBe(false);
  });

  test('resolves which policies apply to which role', () => {
    const model = new StackModel('s', {
      resource: {
        aws_iam_role: { app: { name: 'app-role' } },
        aws_iam_policy: {
          shared: {
            policy: policy({
              Effect: 'Allow',
              Action: 's3:GetObject',
              Resource: 'arn:aws:s3:::b/*',
            }),
          },
        },
        aws_iam_policy_attachment: {
          shared: {
            roles: ['${aws_iam_role.app.name}'],
            policy_arn: '${aws_iam_policy.shared.arn}',
          },
        },
        aws_iam_role_policy: {
          own: {
            role: 'app-role',
            policy: policy({ Effect: 'Allow', Action: 'sns:Publish', Resource: '*' }),
          },
        },
        aws_iam_role_policy_attachment: {
          managed: {
            role: '${aws_iam_role.app.id}',
            policy_arn: '${data.aws_iam_policy.readonly.arn}',
          },
        },
      },
      data: { aws_iam_policy: { readonly: { arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' } } },
    });
    expect(model.identityPoliciesOf('aws_iam_role.app').map((p) => p.address)).toEqual([
      'aws_iam_role_policy.own',
      'aws_iam_policy.shared',
    ]);
    expect(model.attachments.map((a) => [a.address, a.role, a.policy])).toEqual([
      [
        'aws_iam_role_policy_attachment.managed',
        'aws_iam_role.app',
        {
          kind: 'aws-managed',
          name: 'ReadOnlyAccess',
          arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
        },
      ],
      [
        'aws_iam_policy_attachment.shared',
        'aws_iam_role.app',
        { kind: 'customer', address: 'aws_iam_policy.shared' },
      ],
    ]);
  });
});

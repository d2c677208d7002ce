import { Token } from 'cdktf';
import { parseImage } from '../../src/aws/image';

describe('parseImage', () => {
  test.each([
    [
      '123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1.2',
      {
        kind: 'ecr',
        account: '123456789012',
        region: 'eu-west-1',
        partition: 'aws',
        repository: 'app',
        tag: '1.2',
        repositoryArn: 'arn:aws:ecr:eu-west-1:123456789012:repository/app',
      },
    ],
    [
      '123456789012.dkr.ecr.us-east-1.amazonaws.com/team/api@sha256:' + 'a'.repeat(64),
      {
        kind: 'ecr',
        repository: 'team/api',
        digest: 'sha256:' + 'a'.repeat(64),
        repositoryArn: 'arn:aws:ecr:us-east-1:123456789012:repository/team/api',
      },
    ],
    [
      '123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1.2@sha256:' + 'b'.repeat(64),
      { kind: 'ecr', tag: '1.2', digest: 'sha256:' + 'b'.repeat(64) },
    ],
    [
      '123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/app',
      {
        kind: 'ecr',
        partition: 'aws-cn',
        repositoryArn: 'arn:aws-cn:ecr:cn-north-1:123456789012:repository/app',
      },
    ],
    [
      '123456789012.dkr.ecr-fips.us-gov-west-1.amazonaws.com/app',
      { kind: 'ecr', partition: 'aws-us-gov', region: 'us-gov-west-1' },
    ],
    [
      'public.ecr.aws/docker/library/busybox:1.36',
      {
        kind: 'ecr-public',
        registry: 'public.ecr.aws',
        repository: 'docker/library/busybox',
        tag: '1.36',
      },
    ],
    ['nginx', { kind: 'docker-hub', registry: 'docker.io', repository: 'library/nginx' }],
    ['nginx:1.27-alpine', { kind: 'docker-hub', repository: 'library/nginx', tag: '1.27-alpine' }],
    ['bitnami/redis:7.2', { kind: 'docker-hub', repository: 'bitnami/redis', tag: '7.2' }],
    [
      'docker.io/library/nginx:1.27',
      { kind: 'docker-hub', repository: 'library/nginx', tag: '1.27' },
    ],
    ['index.docker.io/bitnami/redis', { kind: 'docker-hub', repository: 'bitnami/redis' }],
    [
      'ghcr.io/acme/worker:v3',
      { kind: 'other-registry', registry: 'ghcr.io', repository: 'acme/worker', tag: 'v3' },
    ],
    [
      'localhost:5000/app:dev',
      { kind: 'other-registry', registry: 'localhost:5000', repository: 'app', tag: 'dev' },
    ],
    [
      'registry.example.com:8443/a/b/c',
      { kind: 'other-registry', registry: 'registry.example.com:8443', repository: 'a/b/c' },
    ],
  ])('parses %s', (image, expected) => {
    expect(parseImage(image)).toMatchObject(expected);
  });

  test('an ECR image without tag or digest has neither', () => {
    const parsed = parseImage('123456789012.dkr.ecr.eu-west-1.amazonaws.com/app');
    expect(parsed).not.toHaveProperty('tag');
    expect(parsed).not.toHaveProperty('digest');
  });

  test('a registry that only looks like ECR is another registry', () => {
    expect(parseImage('123456789012.dkr.ecr.eu-west-1.example.com/app')).toMatchObject({
      kind: 'other-registry',
    });
  });

  test.each(['1234567890', '12345', '1234567890123'])(
    'an ECR host whose account is %s digits long is refused, not taken for another registry',
    (account) => {
      expect(parseImage(`${account}.dkr.ecr.eu-west-1.amazonaws.com/app:1`)).toBe(
        `has an ECR registry "${account}.dkr.ecr.eu-west-1.amazonaws.com" that is not <12-digit account>.dkr.ecr.<region>.amazonaws.com`,
      );
    },
  );

  test.each([
    ['', 'is empty'],
    ['nginx latest', 'contains white space'],
    [
      'Nginx:1.27',
      'has a malformed repository "Nginx" (components are lowercase letters and digits joined by . _ __ or -)',
    ],
    [
      'app::1',
      'has a malformed repository "app:" (components are lowercase letters and digits joined by . _ __ or -)',
    ],
    ['app:', 'has a malformed tag ""'],
    ['app:-x', 'has a malformed tag "-x"'],
    ['app@sha256:xyz', 'has a malformed digest "sha256:xyz"'],
    ['app@sha256:' + 'a'.repeat(64) + '@x', 'has more than one "@"'],
    [
      '123456789012.dkr.ecr.eu-west-1.amazonaws.com//app',
      'has a malformed repository "/app" (components are lowercase letters and digits joined by . _ __ or -)',
    ],
    ['registry..example.com/app', 'has a malformed registry "registry..example.com"'],
    [
      'team/',
      'has a malformed repository "team/" (components are lowercase letters and digits joined by . _ __ or -)',
    ],
  ])('rejects %j: %s', (image, reason) => {
    expect(parseImage(image)).toBe(reason);
  });

  test('leaves Terraform expressions unparsed', () => {
    expect(parseImage(Token.asString({ Ref: 'image' }))).toBeUndefined();
  });
});

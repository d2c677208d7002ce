import { describeValue, formatProblems, Problems, ValidationError } from '../src/errors';
import { checkRoleName, resourceName } from '../src/naming';
import { checkTags } from '../src/tags';

describe('ValidationError', () => {
  test('one problem is one line naming subject, property, value and what is allowed', () => {
    const error = new ValidationError('fargate-runner-dev/exec', [
      { property: 'roleName', received: 'a b', allowed: 'letters' },
    ]);
    expect(error.message).toBe(
      'fargate-runner-dev/exec: roleName is not allowed: received "a b"; allowed: letters',
    );
    expect(error.name).toBe('ValidationError');
    expect(error.problems).toHaveLength(1);
  });

  test('several problems are listed one per line', () => {
    expect(
      formatProblems('s', [
        { property: 'a', received: 1, allowed: 'x', reason: 'is too small' },
        { property: 'b', received: undefined, allowed: 'y' },
      ]),
    ).toBe(
      's: 2 problems:\n  - a is too small: received 1; allowed: x\n  - b is not allowed: received nothing; allowed: y',
    );
  });

  test('describeValue shortens long values', () => {
    expect(describeValue('x'.repeat(300))).toBe(`"${'x'.repeat(195)}..."`);
    expect(describeValue('x'.repeat(300))).toHaveLength(200);
    expect(describeValue([1, 'a'])).toBe('[1,"a"]');
  });

  test('Problems.validate throws only when something was recorded', () => {
    expect(Problems.validate('s', () => 42)).toBe(42);
    expect(() =>
      Problems.validate('s', (p) => p.add({ property: 'p', received: 0, allowed: '1' })),
    ).toThrow(ValidationError);
  });

  test('toMessages renders problems for node.addValidation without a subject', () => {
    const problems = new Problems();
    problems.add({ property: 'p', received: 0, allowed: '1' });
    expect(problems.toMessages()).toEqual(['p is not allowed: received 0; allowed: 1']);
  });
});

describe('naming', () => {
  test('resourceName joins app, environment and purpose', () => {
    expect(resourceName('fargate-runner', 'prod', 'report', 'exec')).toBe(
      'fargate-runner-prod-report-exec',
    );
    expect(resourceName('app', 'dev', '')).toBe('app-dev');
  });

  test('a generated role name over 64 characters fails like a given one', () => {
    const problems = new Problems();
    checkRoleName(
      problems,
      'roleName',
      resourceName('fargate-runner', 'production', 'nightly-report-generator', 'task-execution'),
    );
    expect(problems.toMessages()).toEqual([
      'roleName is 65 characters long: received "fargate-runner-production-nightly-report-generator-task-execution"; allowed: 1 to 64 characters of letters, digits and +=,.@_-',
    ]);
  });

  test('an empty role name is rejected', () => {
    const problems = new Problems();
    checkRoleName(problems, 'roleName', '');
    expect(problems.all[0].reason).toBe('is empty');
  });
});

describe('checkTags', () => {
  test('rejects too many tags, aws: keys and bad characters', () => {
    const problems = new Problems();
    const many = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v']));
    checkTags(problems, 'tags', many);
    checkTags(problems, 'tags', { 'aws:x': 'v', ok: 'a;b' });
    expect(problems.all.map((p) => p.property)).toEqual(['tags', 'tags key', 'tags["ok"]']);
  });
});

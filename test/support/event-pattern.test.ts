import { matchesPattern } from './event-pattern';

// Examples from the EventBridge User Guide ("Content filtering in Amazon EventBridge event
// patterns", "Arrays in Amazon EventBridge event patterns").
describe('the test EventBridge pattern matcher', () => {
  const event = {
    source: 'aws.ec2',
    detail: {
      state: 'running',
      'instance-id': 'i-123',
      c_count: 5,
      d_count: 10,
      resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f', 'other'],
      source: { ip: '10.0.0.1' },
    },
  };
  test.each([
    [{ source: ['aws.ec2'] }, true],
    [{ source: ['aws.s3'] }, false],
    [{ detail: { state: [{ prefix: 'run' }] } }, true],
    [{ detail: { state: [{ prefix: { 'equals-ignore-case': 'RUN' } }] } }, true],
    [{ detail: { state: [{ suffix: 'ing' }] } }, true],
    [{ detail: { state: [{ 'anything-but': ['stopped', 'overloaded'] }] } }, true],
    [{ detail: { state: [{ 'anything-but': 'running' }] } }, false],
    [{ detail: { state: [{ 'anything-but': { prefix: 'run' } }] } }, false],
    [{ detail: { missing: [{ 'anything-but': 'x' }] } }, false],
    [{ detail: { c_count: [{ numeric: ['>', 0, '<=', 5] }] } }, true],
    [{ detail: { d_count: [{ numeric: ['<', 10] }] } }, false],
    [{ detail: { 'instance-id': [{ wildcard: 'i-*' }] } }, true],
    [{ detail: { missing: [{ exists: false }] } }, true],
    [{ detail: { state: [{ exists: false }] } }, false],
    [{ detail: { resources: ['other'] } }, true],
    [{ detail: { source: { ip: ['10.0.0.1'] } } }, true],
    [{ detail: { $or: [{ state: ['stopped'] }, { c_count: [5] }] } }, true],
    [{ detail: { $or: [{ state: ['stopped'] }, { c_count: [6] }] } }, false],
  ])('%j matches: %s', (pattern, expected) => {
    expect(matchesPattern(pattern, event)).toBe(expected);
  });

  test('a pattern under an array of objects matches when one element does', () => {
    const containers = { containers: [{ exitCode: 0 }, { exitCode: 1 }, { name: 'x' }] };
    expect(matchesPattern({ containers: { exitCode: [{ numeric: ['>', 0] }] } }, containers)).toBe(
      true,
    );
    expect(matchesPattern({ containers: { exitCode: [{ numeric: ['>', 1] }] } }, containers)).toBe(
      false,
    );
  });

  test('an unknown operator throws instead of not matching', () => {
    expect(() => matchesPattern({ a: [{ prefx: 'x' }] }, { a: 'x' })).toThrow(/unsupported/);
    expect(() => matchesPattern({ a: [{ numeric: ['!=', 0] }] }, { a: 1 })).toThrow(/operator/);
  });
});

import { soleExpression, templateParts } from '../../src/hcl/template';

describe('templateParts', () => {
  test.each([
    [
      'plain text',
      'arn:aws:iam::123456789012:role/x',
      [{ literal: 'arn:aws:iam::123456789012:role/x' }],
    ],
    ['an empty string', '', []],
    [
      'literal text around an interpolation',
      'arn:${data.aws_partition.current.partition}:ecs:*',
      [
        { literal: 'arn:' },
        { interpolation: '${data.aws_partition.current.partition}', directive: false },
        { literal: ':ecs:*' },
      ],
    ],
    [
      'a directive',
      '%{ if var.x }a%{ endif }',
      [
        { interpolation: '%{ if var.x }', directive: true },
        { literal: 'a' },
        { interpolation: '%{ endif }', directive: true },
      ],
    ],
    ['escaped markers, which stay literal', 'a $${b} %%{c} d', [{ literal: 'a $${b} %%{c} d' }]],
    ['a lone $ and %', 'cost $5, 10% off', [{ literal: 'cost $5, 10% off' }]],
    [
      'braces inside a string inside an interpolation',
      '${format("}%s{", var.x)}!',
      [{ interpolation: '${format("}%s{", var.x)}', directive: false }, { literal: '!' }],
    ],
    [
      'an interpolation inside a string inside an interpolation',
      '${"a${var.b}"}',
      [{ interpolation: '${"a${var.b}"}', directive: false }],
    ],
  ])('%s', (_name, text, parts) => {
    expect(templateParts(text)).toEqual(parts);
  });

  test('a long literal is one part, and a long one with a late interpolation two', () => {
    const long = 'x$%'.repeat(100_000);
    expect(templateParts(long)).toEqual([{ literal: long }]);
    expect(templateParts(`${long}\${var.y}`)).toEqual([
      { literal: long },
      { interpolation: '${var.y}', directive: false },
    ]);
  });

  test('an unterminated interpolation is an error naming the template', () => {
    expect(() => templateParts('a ${var.x')).toThrow(
      'Unterminated template expression in "a ${var.x"',
    );
  });

  test('soleExpression: the expression of a template that is one interpolation only', () => {
    expect(soleExpression('${ var.x }')).toBe('var.x');
    expect(soleExpression('a${var.x}')).toBeUndefined();
    expect(soleExpression('%{ if x }')).toBeUndefined();
  });
});

import { formatCount } from '../../src/aws/limits';

describe('formatCount', () => {
  test.each([0, 7, 999, 1_000, 6_144, 10_240, 65_536, 1_234_567, -1_234, -999, 2 ** 53 - 1])(
    '%d is written as toLocaleString("en-US") writes it',
    (value) => {
      expect(formatCount(value)).toBe(value.toLocaleString('en-US'));
    },
  );

  test('a number that is not a whole number is left to toLocaleString', () => {
    expect(formatCount(1234.5)).toBe('1,234.5');
  });
});

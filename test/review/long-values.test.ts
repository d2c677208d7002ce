import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { diffAttributes, showDifference } from '../../src/review/attribute-diff';
import { main } from '../../src/review/cli';

describe('a long changed value', () => {
  const prefix = 'x'.repeat(300);

  test('shows the part that differs, on both sides', () => {
    const { before, after } = showDifference(`${prefix}-old-tail`, `${prefix}-new-tail`);
    expect(before).toMatch(/^…x+-old-tail"$/);
    expect(after).toMatch(/^…x+-new-tail"$/);
    expect(before).not.toBe(after);
  });

  test('a short value is shown whole', () => {
    expect(showDifference('a', 'b')).toEqual({ before: '"a"', after: '"b"' });
  });

  test('the attribute diff of a plan uses it', () => {
    const [change] = diffAttributes({ image: `${prefix}:1.0` }, { image: `${prefix}:2.0` });
    expect(change).toMatchObject({ path: 'image', kind: 'changed' });
    expect(change.before).toContain(':1.0');
    expect(change.after).toContain(':2.0');
  });
});

test('the review fails when the output holds no stack (an HCL synth writes no cdk.tf.json)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'review-empty-'));
  fs.mkdirSync(path.join(dir, 'stacks', 'fargate-runner-dev'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'stacks', 'fargate-runner-dev', 'cdk.tf'), '');
  const stderr: string[] = [];
  const code = main(['--current', dir, '-q'], {
    stdout: () => undefined,
    stderr: (text) => stderr.push(text),
    cwd: dir,
  });
  expect(code).toBe(2);
  expect(stderr.join('')).toContain('holds no synthesized stacks');
  fs.rmSync(dir, { recursive: true, force: true });
});

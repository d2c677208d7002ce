import { spawnSync } from 'child_process';
import * as path from 'path';

/**
 * `npm run verify:terraform` fails on the two bugs that real Terraform found in the published
 * modules: a validation cycle, and a `||` guard over a null default (before Terraform 1.12
 * both sides of `||` are evaluated). The fixtures reproduce each in a few lines.
 */
const root = path.resolve(__dirname, '../..');
const fixture = (name: string) => path.join('test', 'fixtures', 'terraform', name);

function verify(...args: string[]) {
  const result = spawnSync(process.execPath, ['scripts/verify-terraform.mjs', ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, CHECKPOINT_DISABLE: '1' },
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('verify:terraform', () => {
  it('fails a module whose variable validations read each other', () => {
    const { status, output } = verify('--module', fixture('validation-cycle'));
    expect(status).toBe(1);
    expect(output).toMatch(
      /^FAIL {2}module test\/fixtures\/terraform\/validation-cycle: validate: Error: Cycle: var\.(family|task_role_name) \(validation\), var\.(family|task_role_name) \(validation\)/m,
    );
    expect(output).toMatch(/^verify:terraform: 0 passed, 1 failed in/m);
  });

  it('fails a configuration whose validation guards a null default with ||', () => {
    const { status, output } = verify('--root', fixture('null-or-guard'));
    expect(status).toBe(1);
    expect(output).toMatch(
      /^FAIL {2}root test\/fixtures\/terraform\/null-or-guard: plan: Error: Invalid function argument: .*argument must not be null/m,
    );
  });

  it('passes the same configuration with the guard written as a conditional', () => {
    const { status, output } = verify('--root', fixture('null-conditional-guard'));
    expect(output).toMatch(
      /^PASS {2}root test\/fixtures\/terraform\/null-conditional-guard: validate, plan \(0 to add, 0 to change, 0 to destroy\), apply, re-plan: no changes/m,
    );
    expect(status).toBe(0);
  });
});

import { ESLint } from 'eslint';

// The root import of @cdktf/provider-aws loads all 2,212 resource modules (~4 s, ~550 MB).
describe('lint forbids the root import of @cdktf/provider-aws', () => {
  // The project's own config, passed in directly: jest cannot run ESLint's dynamic import.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const config = require('../eslint.config.cjs');
  const eslint = new ESLint({
    cwd: process.cwd(),
    overrideConfigFile: true,
    overrideConfig: config,
  });
  const lint = async (code: string) => {
    const [result] = await eslint.lintText(code, { filePath: 'src/example.ts' });
    return result.messages.filter(
      (m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-syntax',
    );
  };

  // Built from parts so that no scan of this repository mistakes the samples for real imports.
  const root = ['@cdktf', 'provider-aws'].join('/');
  test.each([
    `import { IamRole } from '${root}';\nexport const x = IamRole;\n`,
    `import * as aws from '${root}';\nexport const x = aws;\n`,
    `import { iamRole } from '${root}/lib';\nexport const x = iamRole;\n`,
    `export const x = import('${root}');\n`,
  ])('rejects %s', async (code) => {
    const messages = await lint(code);
    expect(messages).toHaveLength(1);
    expect(messages[0].message).toMatch(
      /Deep imports only: import from `@cdktf\/provider-aws\/lib\/<resource>`/,
    );
  });

  test('accepts a deep import', async () => {
    expect(
      await lint(
        "import { IamRole } from '@cdktf/provider-aws/lib/iam-role';\nexport const x = IamRole;\n",
      ),
    ).toEqual([]);
  });
});

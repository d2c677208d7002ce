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

  test.each([
    "import { IamRole } from '@cdktf/provider-aws';\nexport const x = IamRole;\n",
    "import * as aws from '@cdktf/provider-aws';\nexport const x = aws;\n",
    "import { iamRole } from '@cdktf/provider-aws/lib';\nexport const x = iamRole;\n",
    "export const x = import('@cdktf/provider-aws');\n",
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

import { execFileSync } from 'child_process';
import { resolve } from 'path';
import { validateEnvironment } from '../../stacks/environments';
import { prod } from '../../stacks/environments/prod';

// The app runs the transpiled code in .gen/, where the settings schema is bundled with the parts
// of zod it uses (scripts/transpile.mjs, BUNDLED_PACKAGES); the tests load the package itself.
// Both must judge settings alike, to the letter of every message.
const repository = resolve(__dirname, '../..');

/** Settings with problems of many kinds: unknown and misspelt fields, missing ones, wrong types and values. */
const { accountId, ...withoutAccount } = prod;
const BROKEN: readonly unknown[] = [
  { ...withoutAccount, accountID: accountId },
  { ...prod, backend: { type: 's3', region: 'eu-west-1' } },
  { ...prod, network: { type: 'vpc' } },
  { ...prod, region: 'eu-wset-1', logRetentionDays: 10, capacity: 'spot' },
  { ...prod, tasks: [{ ...prod.tasks[0], cpu: '256', enviroment: {} }] },
  { name: 42 },
  'not settings',
];

/** What the transpiled code says about each of the settings, and the package files it loaded. */
function transpiledVerdicts(): { loaded: string[]; messages: string[][] } {
  const script = `
    import { createRequire } from 'node:module';
    import { genDir, transpile } from './scripts/transpile.mjs';
    await transpile();
    const require = createRequire(genDir + '/stacks/environments/');
    const { validateEnvironment } = require('./index.js');
    const broken = JSON.parse(process.argv[1]);
    console.log(JSON.stringify({
      loaded: Object.keys(require.cache).filter((file) => file.includes('/node_modules/zod/')),
      messages: broken.map((settings) => validateEnvironment(settings).toMessages()),
    }));`;
  const output = execFileSync(
    process.execPath,
    ['--input-type=module', '-e', script, JSON.stringify(BROKEN)],
    { cwd: repository, encoding: 'utf8' },
  );
  return JSON.parse(output) as { loaded: string[]; messages: string[][] };
}

test('the transpiled app, with zod bundled into the schema, words every settings problem as the sources do', () => {
  const { loaded, messages } = transpiledVerdicts();
  expect(loaded).toEqual([]);
  // The same settings as the child process received them, through JSON.
  const received = JSON.parse(JSON.stringify(BROKEN)) as unknown[];
  const expected = received.map((settings) => validateEnvironment(settings).toMessages());
  expect(expected.every((list) => list.length > 0)).toBe(true);
  expect(messages).toEqual(expected);
});

import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Lazy, TerraformOutput, TerraformStack, Tokenization, type App } from 'cdktf';
import { synthesizeAtomically, withoutTokenCreationStacks } from '../src/synth-output';

describe('synthesizeAtomically', () => {
  let root: string;
  let outdir: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'synth-output-'));
    outdir = path.join(root, 'cdktf.out');
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  const stack = (name: string, value: string) => (app: App) => {
    const s = new TerraformStack(app, name);
    new TerraformOutput(s, 'value', { value });
  };
  const read = (name: string) =>
    JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', name, 'cdk.tf.json'), 'utf8'));

  test('writes the stacks and replaces the previous output whole', async () => {
    await synthesizeAtomically(outdir, stack('one', 'a'));
    expect(read('one').output.value.value).toBe('a');
    await synthesizeAtomically(outdir, stack('two', 'b'));
    expect(fs.existsSync(path.join(outdir, 'stacks', 'one'))).toBe(false); // no stale stack left behind
    expect(read('two').output.value.value).toBe('b');
    expect(fs.readdirSync(root)).toEqual(['cdktf.out']); // no staging or old directory left
  });

  test('a failing synth leaves the previous output untouched, byte for byte', async () => {
    await synthesizeAtomically(outdir, stack('one', 'a'));
    const before = fs.readFileSync(path.join(outdir, 'stacks', 'one', 'cdk.tf.json'));
    await expect(
      synthesizeAtomically(outdir, (app) => {
        stack('one', 'changed')(app);
        throw new Error('bad settings');
      }),
    ).rejects.toThrow('bad settings');
    // A check that fails after the synth leaves it untouched too.
    await expect(
      synthesizeAtomically(outdir, stack('one', 'changed'), () => {
        throw new Error('check failed');
      }),
    ).rejects.toThrow('check failed');
    expect(fs.readFileSync(path.join(outdir, 'stacks', 'one', 'cdk.tf.json'))).toEqual(before);
    expect(fs.readdirSync(root)).toEqual(['cdktf.out']);
  });

  test('keeps Terraform provider plugins and the lock file of each stack', async () => {
    await synthesizeAtomically(outdir, stack('one', 'a'));
    fs.mkdirSync(path.join(outdir, 'stacks', 'one', '.terraform', 'providers'), {
      recursive: true,
    });
    fs.writeFileSync(path.join(outdir, 'stacks', 'one', '.terraform.lock.hcl'), 'lock');
    await synthesizeAtomically(outdir, stack('one', 'b'));
    expect(fs.existsSync(path.join(outdir, 'stacks', 'one', '.terraform', 'providers'))).toBe(true);
    expect(fs.readFileSync(path.join(outdir, 'stacks', 'one', '.terraform.lock.hcl'), 'utf8')).toBe(
      'lock',
    );
  });
});

describe('withoutTokenCreationStacks', () => {
  test('leaves token creation stacks empty and keeps the stacks of errors', () => {
    withoutTokenCreationStacks(() => {
      const token = Lazy.stringValue({ produce: () => 'x' });
      const resolvable = Tokenization.reverseString(token).firstToken as unknown as {
        creationStack: string[];
      };
      expect(resolvable.creationStack).toEqual([]);
      expect(new Error('boom').stack).toMatch(/^Error: boom\n {4}at /);
    });
    const outside = Tokenization.reverseString(Lazy.stringValue({ produce: () => 'y' }))
      .firstToken as unknown as { creationStack: string[] };
    expect(outside.creationStack.length).toBeGreaterThan(0);
  });
});

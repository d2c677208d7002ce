import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Lazy, TerraformOutput, TerraformStack, Tokenization } from 'cdktf';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { ENVIRONMENT_FILES, type EnvironmentSettings } from '../stacks/environments';
import { prod } from '../stacks/environments/prod';
import { FargateRunnerStack } from '../stacks/fargate-runner-stack';
import {
  synthesizeAtomically,
  withoutPreparingPass,
  type SynthesizeOptions,
  withoutTokenCreationStacks,
} from '../src/synth-output';

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

describe('withoutPreparingPass', () => {
  let root: string;
  beforeEach(() => (root = fs.mkdtempSync(path.join(os.tmpdir(), 'preparing-pass-'))));
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  /**
   * Synthesizes an app into <root>/<name>, with or without the shortcut; returns every file's
   * bytes by path, as base64 (strings compare at once, where expect compares a Buffer byte by byte).
   */
  function synth(
    name: string,
    build: (app: App) => void,
    shortcut: boolean,
    options: SynthesizeOptions = {},
  ) {
    const outdir = path.join(root, name);
    const app = new App({ outdir, stackTraces: false });
    build(app);
    if (shortcut) withoutPreparingPass(app, options);
    app.synth();
    const files = fs.readdirSync(outdir, { recursive: true, encoding: 'utf8' }).sort();
    return new Map(
      files
        .filter((file) => fs.statSync(path.join(outdir, file)).isFile())
        .map((file) => [file, fs.readFileSync(path.join(outdir, file)).toString('base64')]),
    );
  }

  test('a one-stack app writes the same bytes without the preparing pass', () => {
    const environment = (app: App) => void new FargateRunnerStack(app, prod);
    const both = synth('both', environment, false);
    expect(both.size).toBeGreaterThan(2);
    expect(synth('shortcut', environment, true)).toEqual(both);
  });

  test('the environments, independent stacks, write the same bytes without the preparing pass', () => {
    const environments = (app: App) => {
      for (const { file, settings } of ENVIRONMENT_FILES) {
        new FargateRunnerStack(app, settings as EnvironmentSettings, file);
      }
    };
    const both = synth('both', environments, false);
    expect([...both.keys()].filter((file) => file.endsWith('cdk.tf.json'))).toHaveLength(3);
    expect(synth('shortcut', environments, true, { independentStacks: true })).toEqual(both);
  });

  test('a one-stack app resolves its tokens once instead of twice', () => {
    let produced = 0;
    const counted = (app: App) => {
      const s = new TerraformStack(app, 'one');
      new TerraformOutput(s, 'value', {
        value: Lazy.stringValue({ produce: () => `${++produced}` }),
      });
    };
    synth('both', counted, false);
    expect(produced).toBe(2);
    produced = 0;
    synth('shortcut', counted, true);
    expect(produced).toBe(1);
  });

  test('independent stacks resolve their tokens once; others keep both passes', () => {
    let produced = 0;
    const counted = (app: App) => {
      for (const id of ['one', 'two']) {
        new TerraformOutput(new TerraformStack(app, id), 'value', {
          value: Lazy.stringValue({ produce: () => `${++produced}` }),
        });
      }
    };
    synth('both', counted, true);
    expect(produced).toBe(4);
    produced = 0;
    synth('shortcut', counted, true, { independentStacks: true });
    expect(produced).toBe(2);
  });

  test('an app of several stacks keeps the pass that finds cross-stack references', () => {
    const referencing = (app: App) => {
      const a = new TerraformStack(app, 'a');
      new AwsProvider(a, 'aws', { region: 'eu-west-1' });
      const role = new IamRole(a, 'role', { assumeRolePolicy: '{}' });
      new TerraformOutput(new TerraformStack(app, 'b'), 'arn', { value: role.arn });
    };
    const files = synth('both', referencing, true);
    const a = JSON.parse(
      Buffer.from(files.get(path.join('stacks', 'a', 'cdk.tf.json'))!, 'base64').toString(),
    );
    const b = JSON.parse(
      Buffer.from(files.get(path.join('stacks', 'b', 'cdk.tf.json'))!, 'base64').toString(),
    );
    expect(Object.keys(a.output)).toEqual([expect.stringMatching(/^cross-stack-output-/)]);
    expect(b.output.arn.value).toMatch(
      /^\$\{data\.terraform_remote_state\.cross-stack-reference-input-a\./,
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

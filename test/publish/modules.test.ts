import { createHash } from 'crypto';
import { publishedFiles } from '../../src/publish/build';
import { sections } from '../../src/publish/hcl/equivalence';
import { synthesizeModule } from '../../src/publish/module-stack';
import { MODULES } from '../../src/publish/modules';
import { parseHcl } from './support';

const published = publishedFiles();
const files = published as Record<string, string>;
const moduleTf = (module: string) =>
  Object.fromEntries(
    ['main.tf', 'variables.tf', 'outputs.tf', 'versions.tf'].map((f) => [
      f,
      files[`${module}/${f}`],
    ]),
  );

describe.each(MODULES.map((m) => [m.name, m] as const))('the %s module', (name, definition) => {
  let parsed: Record<string, unknown>;
  beforeAll(async () => {
    parsed = await parseHcl(moduleTf(name));
  });

  test('is the JSON synth of its construct, as HCL', () => {
    const { json } = synthesizeModule(definition);
    const compared = ['variable', 'output', 'locals', 'data', 'resource'];
    expect(sections(parsed, compared)).toEqual(sections(json, compared));
  });

  test('declares no provider or backend, and requires Terraform and hashicorp/aws', () => {
    expect(parsed.provider).toBeUndefined();
    expect(JSON.stringify(parsed.terraform)).not.toMatch(/"backend"|"cloud"/);
    expect(parsed.terraform).toEqual([
      {
        required_version: '>= 1.9',
        required_providers: [
          {
            aws: { source: 'hashicorp/aws', version: expect.stringMatching(/^>= 6\.\d+, < 7\.0$/) },
          },
        ],
      },
    ]);
  });

  test('declares every variable with a type and a description, and every output with a description', () => {
    const variables = Object.entries(
      parsed.variable as Record<string, Array<Record<string, unknown>>>,
    );
    // The parser sorts names; the files list them in declaration order.
    expect(variables.map(([v]) => v).sort()).toEqual(Object.keys(definition.variables).sort());
    for (const [, [variable]] of variables) {
      expect(variable.type).toEqual(expect.any(String));
      expect(variable.description).toEqual(expect.stringMatching(/\S/));
    }
    const outputs = Object.values(parsed.output as Record<string, Array<Record<string, unknown>>>);
    expect(outputs.length).toBeGreaterThan(0);
    for (const [output] of outputs) expect(output.description).toEqual(expect.stringMatching(/\S/));
  });

  test('refers to every resource with count or for_each by index', () => {
    const resources = (parsed.resource ?? {}) as Record<string, Record<string, unknown[]>>;
    const text = Object.values(moduleTf(name)).join('\n');
    for (const [type, byName] of Object.entries(resources)) {
      for (const [resourceName, [config]] of Object.entries(byName)) {
        if (!('count' in (config as object)) && !('for_each' in (config as object))) continue;
        expect(text).not.toMatch(new RegExp(`\\b${type}\\.${resourceName}\\.`));
      }
    }
  });

  test('documents every input and output in its README', () => {
    const readme = files[`${name}/README.md`];
    for (const variable of Object.keys(definition.variables))
      expect(readme).toContain(`| \`${variable}\` |`);
    for (const output of Object.keys(parsed.output as object))
      expect(readme).toContain(`| \`${output}\` |`);
  });
});

test('the complete example parses and passes each module exactly its inputs', async () => {
  const example = await parseHcl({
    'main.tf': files['ecs-cluster/examples/complete/main.tf'],
    'versions.tf': files['ecs-cluster/examples/complete/versions.tf'],
  });
  const calls = Object.values(example.module as Record<string, Array<Record<string, unknown>>>);
  expect(calls.length).toBe(MODULES.length);
  for (const [call] of calls) {
    const definition = MODULES.find((m) => call.source === `../../../${m.name}`)!;
    expect(definition).toBeDefined();
    const inputs = Object.keys(call).filter((key) => key !== 'source');
    const declared = Object.keys(definition.variables);
    const required = declared.filter((v) => !('default' in definition.variables[v]));
    expect(declared).toEqual(expect.arrayContaining(inputs));
    expect(inputs).toEqual(expect.arrayContaining(required));
    for (const input of inputs) {
      const attributes = [...definition.variables[input].type.matchAll(/^ {4}(\w+)\s+=/gm)];
      if (attributes.length === 0) continue;
      const items = Array.isArray(call[input]) ? call[input] : Object.values(call[input] as object);
      const given = (items as object[]).flatMap((item) => Object.keys(item));
      expect(attributes.map(([, name]) => name)).toEqual(expect.arrayContaining(given));
    }
  }
});

test('the lambda-runner module ships its code beside main.tf, with its hash as source_code_hash', async () => {
  const zip = published['lambda-runner/runner.zip'] as Uint8Array;
  const { resource } = await parseHcl(moduleTf('lambda-runner'));
  const [lambda] = Object.values(
    (resource as Record<string, Record<string, Array<Record<string, unknown>>>>)
      .aws_lambda_function,
  )[0];
  expect(lambda.filename).toBe('${path.module}/runner.zip');
  expect(lambda.source_code_hash).toBe(createHash('sha256').update(zip).digest('base64'));
});

import {
  TerraformOutput,
  TerraformStack,
  TerraformVariable,
  Testing,
  type TerraformElement,
} from 'cdktf';
import { type Node } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { blockSchema } from './hcl/blocks';
import { type BlockSchema, type TerraformJson } from './hcl/render';
import { type ModuleDefinition } from './definition';
import { ReadableLogicalIds } from '../readable-ids';

/** A stack whose addresses are readable: `aws_iam_role.this_role`, `var.role_name`. */
export class ReadableStack extends TerraformStack {
  private readonly logicalIds = new ReadableLogicalIds(this);

  protected override allocateLogicalId(element: TerraformElement | Node): string {
    return this.logicalIds.allocate(element);
  }
}

/** A module synthesized: its Terraform JSON and which keys of its resources are blocks. */
export interface SynthesizedModule {
  readonly json: TerraformJson;
  readonly schema: BlockSchema;
}

/**
 * Synthesizes a module definition as a stack in which every input is a `TerraformVariable`
 * flowing into the construct as a token, and every output a `TerraformOutput`. The provider
 * is there only because cdktf requires one; a module declares none (see `moduleFiles`).
 */
export function synthesizeModule(definition: ModuleDefinition): SynthesizedModule {
  const stack = new ReadableStack(Testing.app({ stackTraces: false }), definition.name);
  new AwsProvider(stack, 'aws', {});
  const inputs = Object.fromEntries(
    Object.entries(definition.variables).map(([name, spec]) => {
      const variable = new TerraformVariable(stack, name, {
        type: spec.type,
        description: spec.description,
        ...('default' in spec &&
          spec.default !== null && { default: spec.default, nullable: false }),
        validation: spec.validation?.map((v) => ({
          condition: `\${${v.condition.replaceAll('{name}', `var.${name}`)}}`,
          errorMessage: v.errorMessage,
        })),
      });
      // cdktf cannot synthesize `default: null` (it walks the value's keys): set it afterwards.
      if (spec.default === null) variable.addOverride('default', null);
      return [name, spec.read(variable)];
    }),
  );
  const outputs = definition.build(stack, inputs as never);
  for (const [name, output] of Object.entries(outputs)) {
    // Variables and outputs share the stack's construct namespace, Terraform's do not.
    new TerraformOutput(stack, `output_${name}`, {
      value: output.value,
      description: output.description,
    }).overrideLogicalId(name);
  }
  const json = JSON.parse(Testing.synth(stack, true)) as TerraformJson;
  // Synth sorts keys; a module lists its inputs and outputs in the order they are declared.
  json.variable = inOrder(json.variable, Object.keys(definition.variables));
  json.output = inOrder(json.output, Object.keys(outputs));
  return { json, schema: blockSchema(stack) };
}

function inOrder(section: unknown, names: readonly string[]): Record<string, unknown> {
  const byName = (section ?? {}) as Record<string, unknown>;
  return Object.fromEntries(names.map((name) => [name, byName[name]]));
}

import { type ModuleDefinition } from './definition';
import { hclValue, renderSections, renderTerraformBlock, type TerraformJson } from './hcl/render';
import { synthesizeModule } from './module-stack';
import { moduleReadme } from './readme';

/** Terraform versions the modules need: cross-variable validation came with 1.9. */
export const REQUIRED_TERRAFORM = '>= 1.9';

/** The AWS provider range: the major version the generated bindings were made for, from their minor on. */
export function awsProviderRange(json: TerraformJson): string {
  const providers = (
    json.terraform as { required_providers?: Record<string, { version?: string }> }
  )?.required_providers;
  const version = providers?.aws?.version;
  const match = /^(\d+)\.(\d+)/.exec(version ?? '');
  if (!match) throw new Error(`No AWS provider version in the synthesized stack: ${version}`);
  return `>= ${match[1]}.${match[2]}, < ${Number(match[1]) + 1}.0`;
}

/** `versions.tf`: the Terraform and provider requirements; a module declares no provider or backend. */
export function versionsTf(json: TerraformJson): string {
  return `${renderTerraformBlock({
    required_version: REQUIRED_TERRAFORM,
    required_providers: { aws: { source: 'hashicorp/aws', version: awsProviderRange(json) } },
  })}\n`;
}

/** The files of a module's directory, by path relative to it. */
export function moduleFiles(definition: ModuleDefinition): Record<string, string | Uint8Array> {
  const { json, schema } = synthesizeModule(definition);
  return {
    ...definition.files?.(),
    'main.tf': renderSections(json, ['locals', 'data', 'resource'], schema),
    'variables.tf': renderSections(json, ['variable']),
    'outputs.tf': renderSections(json, ['output']),
    'versions.tf': versionsTf(json),
    'README.md': moduleReadme(definition, json),
  };
}

/** An input's default as HCL, for tables. */
export const defaultText = (value: unknown) => hclValue(value as never).replace(/\n\s*/g, ' ');

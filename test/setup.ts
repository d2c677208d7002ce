/**
 * Snapshots hold what this project decides, not which toolchain synthesized it: cdktf 0.21 with
 * `@cdktf/provider-aws` 21 writes `source = "aws"`, `version = "6.25.0"`; CDK Terrain with
 * `@cdktn/provider-aws` 25 writes `"hashicorp/aws"`, `"6.66.0"`. A synthesized configuration's
 * `required_providers.aws` is printed as placeholders, so one set of snapshots serves both.
 */
const PROVIDER_PLACEHOLDER = { source: '<aws provider source>', version: '<aws provider version>' };
interface Synthesized {
  terraform?: { required_providers?: { aws?: { source?: string; version?: string } } };
}
expect.addSnapshotSerializer({
  test: (value: unknown) => {
    const aws = (value as Synthesized | null)?.terraform?.required_providers?.aws;
    return typeof aws?.version === 'string' && aws.version !== PROVIDER_PLACEHOLDER.version;
  },
  serialize: (value: Synthesized, config, indentation, depth, refs, printer) => {
    const terraform = value.terraform!;
    const normalized = {
      ...value,
      terraform: {
        ...terraform,
        required_providers: {
          ...terraform.required_providers,
          aws: { ...terraform.required_providers!.aws, ...PROVIDER_PLACEHOLDER },
        },
      },
    };
    return printer(normalized, config, indentation, depth, refs);
  },
});

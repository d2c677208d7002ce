import {
  CloudBackend,
  LocalBackend,
  NamedCloudWorkspace,
  S3Backend,
  type TerraformStack,
} from 'cdktf';
import { type BackendSettings } from './environments/schema';

/**
 * The Terraform versions the stacks need: the S3 backend's `use_lockfile` came with 1.10. The
 * GitHub workflows plan with 1.10, `.ci/run` with the 1.11 of the machine image.
 */
export const STACK_REQUIRED_TERRAFORM = '>= 1.10';

/**
 * Configures where the stack's state lives, and the Terraform versions it needs.
 * - local: `terraform.<stack>.tfstate` in the project directory, given relative to the stack's
 *   working directory (`cdktf.out/stacks/<stack>`), so the synthesized output is the same on
 *   every machine and the state survives a fresh `cdktf.out`;
 * - s3: encrypted, locked with an S3 lock file (`use_lockfile`, Terraform ≥ 1.10); cdktf 0.21's
 *   `S3Backend` lacks the option, so it is added as an override;
 * - cloud: HCP Terraform or Terraform Enterprise, one workspace per environment.
 */
export function configureBackend(
  stack: TerraformStack,
  stackName: string,
  backend: BackendSettings = { type: 'local' },
): void {
  stack.addOverride('terraform.required_version', STACK_REQUIRED_TERRAFORM);
  switch (backend.type) {
    case 'local':
      new LocalBackend(stack, { path: `../../../terraform.${stackName}.tfstate` });
      return;
    case 's3':
      new S3Backend(stack, {
        bucket: backend.bucket,
        key: backend.key ?? `${stackName}/terraform.tfstate`,
        region: backend.region,
        encrypt: true,
        kmsKeyId: backend.kmsKeyArn,
      });
      stack.addOverride('terraform.backend.s3.use_lockfile', true);
      return;
    case 'cloud':
      new CloudBackend(stack, {
        organization: backend.organization,
        hostname: backend.hostname,
        workspaces: new NamedCloudWorkspace(backend.workspace ?? stackName),
      });
      return;
  }
}

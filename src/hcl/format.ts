/**
 * Formats HCL exactly as `terraform fmt` does: `@cdktf/hcl-tools` is HashiCorp's `hclwrite`
 * formatter (the one `terraform fmt` runs) compiled to WebAssembly. Loaded on first use: its
 * start-up (~0.4 s) is paid only by the commands that write HCL.
 */
export async function formatHcl(text: string): Promise<string> {
  const { format } = await import('@cdktf/hcl-tools');
  return format(text);
}

/** Formats every `.tf` file of a set of files (by path); other files are returned as they are. */
export async function formatTerraformFiles<T extends string | Uint8Array>(
  files: Readonly<Record<string, T>>,
): Promise<Record<string, T | string>> {
  const formatted: Record<string, T | string> = {};
  for (const [file, content] of Object.entries(files)) {
    formatted[file] =
      file.endsWith('.tf') && typeof content === 'string' ? await formatHcl(content) : content;
  }
  return formatted;
}

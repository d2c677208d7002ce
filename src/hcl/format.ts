/**
 * Formats HCL exactly as `terraform fmt` does: `@cdktf/hcl-tools` is HashiCorp's `hclwrite`
 * formatter (the one `terraform fmt` runs) compiled to WebAssembly. Loaded on first use: its
 * start-up (~0.4 s) is paid only by the commands that write HCL.
 */
export async function formatHcl(text: string): Promise<string> {
  const { format } = await import('@cdktf/hcl-tools');
  return format(text);
}

/**
 * Terraform reads `${…}` and `%{…}` in strings as template syntax. IAM policy variables such
 * as `${aws:username}` must reach IAM literally, so they are escaped as `$${…}`; cdktf's own
 * tokens (`${TfToken[…]}`) are left for cdktf to turn into Terraform references.
 */
export function escapeTemplateSyntax(text: string): string {
  return text.replace(/\$\{(?!TfToken\[)/g, '$$${').replace(/%\{/g, '%%{');
}

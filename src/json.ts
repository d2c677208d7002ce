import { Fn, Token } from 'cdktf';

/**
 * A value as a JSON string for a Terraform argument. Plain values are serialized here, so the
 * synthesized JSON shows them as they are; a value holding a list or number that Terraform
 * only knows later (e.g. subnet IDs from a data source) is serialized by Terraform's
 * `jsonencode`, which a string serialization would turn into a wrong `"${…}"` string.
 */
export function toJsonString(value: unknown): string {
  return hasNonStringToken(value) ? Fn.jsonencode(value) : JSON.stringify(value);
}

function hasNonStringToken(value: unknown): boolean {
  if (typeof value === 'number') return Token.isUnresolved(value);
  if (Array.isArray(value)) return Token.isUnresolved(value) || value.some(hasNonStringToken);
  if (value !== null && typeof value === 'object')
    return Object.values(value).some(hasNonStringToken);
  return false;
}

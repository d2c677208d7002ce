import { Tokenization } from 'cdktf';

/**
 * Whether a string is the element standing for a whole list token: cdktf represents a list
 * known only to Terraform (e.g. a `list(string)` variable) as a one-element array, and
 * `Token.isUnresolved` does not recognize that element on its own.
 */
export function isListTokenElement(value: unknown): value is string {
  return typeof value === 'string' && Tokenization.reverseList([value]) !== undefined;
}

/** Whether a JSON-like value holds a list token anywhere. */
export function hasListToken(value: unknown): boolean {
  if (Array.isArray(value))
    return value.some((item) => isListTokenElement(item) || hasListToken(item));
  if (value !== null && typeof value === 'object') return Object.values(value).some(hasListToken);
  return false;
}

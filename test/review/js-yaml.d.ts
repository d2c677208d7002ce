// js-yaml ships no types; the tests only parse workflow files.
declare module 'js-yaml' {
  export function load(text: string): unknown;
}

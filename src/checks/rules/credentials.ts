import { CREDENTIAL_NAME, credentialShape } from '../../aws/patterns';

/** 40 characters of base64 with upper case, lower case and digits: AWS secret access keys. */
const SECRET_KEY = /(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g;

/**
 * Why a plain environment variable holds a credential — by its name or by its value — or
 * undefined. The reason never contains the value: messages show it as `[hidden]`.
 */
export function credentialReason(name: string, value: string): string | undefined {
  if (value === '' || /^\$\{[^}]*\}$/.test(value)) return undefined; // empty, or a reference
  const shape = credentialShape(value);
  if (shape) return `its value looks like ${shape}`;
  for (const match of value.match(SECRET_KEY) ?? []) {
    if (/[A-Z]/.test(match) && /[a-z]/.test(match) && /[0-9]/.test(match)) {
      return 'its value looks like an AWS secret access key';
    }
  }
  return CREDENTIAL_NAME.test(name) && !value.includes('${')
    ? 'its name says it is a credential'
    : undefined;
}

/** `DB_URL=[hidden] (its value looks like a URL with a password)` for each credential variable. */
export function describeCredentials(variables: ReadonlyArray<readonly [string, string]>): string[] {
  return variables.flatMap(([name, value]) => {
    const reason = credentialReason(name, value);
    return reason ? [`${name}=[hidden] (${reason})`] : [];
  });
}

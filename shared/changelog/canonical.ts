import canonicalizeJson from 'canonicalize';

/** RFC 8785 (JSON Canonicalization Scheme): the bytes that get hashed and signed. */
export function canonical(value: unknown): string {
  const text = canonicalizeJson(value);
  if (text === undefined) throw new Error('value has no canonical JSON form');
  return text;
}

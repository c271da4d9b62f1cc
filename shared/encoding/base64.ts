/** Both the page and Node ≥ 16 have btoa; shared code is compiled without either's library types. */
const encode = (globalThis as unknown as { btoa(binary: string): string }).btoa;

/** Bytes as base64, in chunks: one spread of a large array would overflow the call stack. */
export function toBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 0x8000) out += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return encode(out);
}

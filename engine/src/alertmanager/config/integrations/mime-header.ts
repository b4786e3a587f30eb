/** Go's textproto.CanonicalMIMEHeaderKey: `content-type` → `Content-Type`; keys with invalid bytes stay as they are. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]*$/;

export function canonicalMimeHeaderKey(key: string): string {
  if (!TOKEN.test(key)) return key;
  return key.replace(/[A-Za-z0-9]+/g, (word, offset: number) => {
    const startsWord = offset === 0 || key[offset - 1] === '-';
    return startsWord ? word[0]!.toUpperCase() + word.slice(1).toLowerCase() : word.toLowerCase();
  });
}

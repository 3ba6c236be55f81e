// Client-made note ids (protocol §4): "note:" + random base64url characters. 22 characters
// carry 132 bits from the CSPRNG, well over the 16 the server requires.
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

export function newNoteId(): string {
  const bytes = new Uint8Array(22);
  crypto.getRandomValues(bytes);
  let s = 'note:';
  for (const b of bytes) s += ALPHABET[b & 63];
  return s;
}

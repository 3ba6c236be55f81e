// Client-made ids for boards and board objects (protocol R31, R32). 16 characters from the
// CSPRNG carry 96 bits: collisions between members drawing at once are not a concern.
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function randomChars(n: number): string {
  const bytes = new Uint8Array(n);
  crypto.getRandomValues(bytes);
  let s = '';
  for (const b of bytes) s += ALPHABET[b & 63];
  return s;
}

/** "o:" + 16 random [A-Za-z0-9_-] (R32 allows 8–60). */
export function newObjectId(): string {
  return 'o:' + randomChars(16);
}

/** "b:" + 16 random [A-Za-z0-9_-] (R31 allows 8–40). */
export function newBoardId(): string {
  return 'b:' + randomChars(16);
}

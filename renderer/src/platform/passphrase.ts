/**
 * A passphrase is kept as a PBKDF2-SHA-256 hash with a random salt (Web Crypto, in the page and in workers), never as
 * the words themselves. It protects a person's view on a machine several people use: it is checked on this machine
 * only and never travels in a study file.
 */
export interface PassphraseHash {
  salt: string;
  hash: string;
  iterations: number;
}

const ITERATIONS = 210_000;

const hex = (bytes: Uint8Array) => [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
const fromHex = (text: string) => new Uint8Array(text.match(/../g)!.map((h) => parseInt(h, 16)));

async function derive(passphrase: string, salt: Uint8Array, iterations: number): Promise<string> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(passphrase), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: salt as Uint8Array<ArrayBuffer>, iterations }, key, 256);
  return hex(new Uint8Array(bits));
}

export async function hashPassphrase(passphrase: string): Promise<PassphraseHash> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  return { salt: hex(salt), hash: await derive(passphrase, salt, ITERATIONS), iterations: ITERATIONS };
}

export async function passphraseMatches(passphrase: string, stored: PassphraseHash): Promise<boolean> {
  const hash = await derive(passphrase, fromHex(stored.salt), stored.iterations);
  // Compared in full whatever the first difference: the time taken says nothing of how much matched.
  let diff = hash.length ^ stored.hash.length;
  for (let i = 0; i < Math.min(hash.length, stored.hash.length); i++) diff |= hash.charCodeAt(i) ^ stored.hash.charCodeAt(i);
  return diff === 0;
}

/** What a passphrase must be: long enough that a glance over a shoulder does not give it away. Null when it will do. */
export function passphraseProblem(passphrase: string): string | null {
  return passphrase.trim().length < 4 ? 'A passphrase needs at least 4 characters.' : null;
}

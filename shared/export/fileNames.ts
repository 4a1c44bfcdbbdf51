/**
 * A name from the study (a study's name, an incident's id) as part of a file name: letters, digits, dots, dashes and
 * underscores kept, every other run of characters one dash (no path separator, no control or hidden character).
 */
export function fileStem(name: string): string {
  return name.replace(/[^\p{L}\p{N}._-]+/gu, '-');
}

/** An ISO instant for people: date and time to the second, UTC. */
export function shortInstant(iso: string): string {
  return `${iso.replace('T', ' ').slice(0, 19)} UTC`;
}

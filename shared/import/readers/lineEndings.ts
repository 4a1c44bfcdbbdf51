/**
 * Turns CR LF and lone CR into LF as text streams through, so a file whose lines end in a mix of the three
 * still has one record per line. A CR at the end of a chunk waits for the next one (it may be half a CR LF).
 */
export function createLineEndingNormaliser(): { push(text: string): string; end(): string } {
  let heldCr = false;
  const normalise = (text: string) => (text.indexOf('\r') === -1 ? text : text.replace(/\r\n?/g, '\n'));
  return {
    push(text) {
      if (text === '') return '';
      let input = heldCr ? `\r${text}` : text;
      heldCr = input.endsWith('\r');
      if (heldCr) input = input.slice(0, -1);
      return normalise(input);
    },
    end() {
      const out = heldCr ? '\n' : '';
      heldCr = false;
      return out;
    },
  };
}

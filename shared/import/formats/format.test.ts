import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { firstSentence, htmlToText } from './format.ts';

describe('htmlToText', () => {
  it('drops tags, breaks lines at <br>, paragraphs, list items and headings, and keeps at most one empty line', () => {
    expect(htmlToText('<h2>Outage</h2><p>First line<br>second line<br/>third</p><ul><li>one</li><li>two</li></ul><p></p><p></p><p>end</p>')).toBe(
      'Outage\nFirst line\nsecond line\nthird\none\ntwo\nend',
    );
    expect(htmlToText('<p>a</p>\n\n\n\n<p>b</p>')).toBe('a\n\nb');
    expect(htmlToText('<div><span class="yellowfg">11:55 AM PST</span>&nbsp;We can confirm</div><div>more</div>')).toBe('11:55 AM PST We can confirm\nmore');
  });

  it('decodes every HTML entity: named, decimal and hex', () => {
    expect(htmlToText('We&#8217;re investigating &mdash; again&hellip;')).toBe('We\u2019re investigating \u2014 again\u2026');
    expect(htmlToText('&lt;b&gt; &amp; &quot;q&quot; &#39;s&#39; &apos;a&apos;')).toBe('<b> & "q" \'s\' \'a\'');
    expect(htmlToText('caf&eacute; &euro;5 &copy; 2024 &rarr; &frac12; &#x1F525; &#X41;')).toBe('café €5 © 2024 → ½ 🔥 A');
    // Decoded once: an escaped entity stays an entity's text, and an unknown one stays as written.
    expect(htmlToText('&amp;lt;p&amp;gt; &unknownentity;')).toBe('&lt;p&gt; &unknownentity;');
  });

  it('leaves out link targets, images, scripts and styles, and keeps link text as it is', () => {
    expect(htmlToText('See <a href="https://status.example.test/x">the status page</a>.<img src="x.png" alt="chart"><script>alert(1)</script><style>p{}</style>')).toBe(
      'See the status page.',
    );
  });

  it('collapses runs of spaces and indentation outside <pre>, and keeps them inside it', () => {
    expect(htmlToText('<div>\n      RCA - Storage  in   West Europe\n    </div>')).toBe('RCA - Storage in West Europe');
    expect(htmlToText('<pre>a  b\n  c</pre>')).toBe('a  b\n  c');
  });

  it('passes plain text through: a "<" that opens no tag, and newlines, survive', () => {
    expect(htmlToText('latency < 5 ms and errors > 2%')).toBe('latency < 5 ms and errors > 2%');
    expect(htmlToText("[{'text': 'Resolved.'}\n {'text': 'Investigating.'}]")).toBe("[{'text': 'Resolved.'}\n{'text': 'Investigating.'}]");
    expect(htmlToText('line one\r\nline two')).toBe('line one\nline two');
  });

  it('keeps hidden characters, decoded or literal, for the hidden-text check to find', () => {
    expect(htmlToText('a&#x200B;b\u200Bc&#xE0041;')).toBe('a\u200Bb\u200Bc\u{E0041}');
  });

  it('reads the real AWS and Azure status HTML without leaving a tag or an entity behind', () => {
    for (const vendor of ['aws', 'azure']) {
      const text = readFileSync(new URL(`../../../tests/fixtures/datasets/llm-cloud-incident-extraction/label_data/${vendor}_label.csv`, import.meta.url), 'utf8');
      const rows = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: 'greedy' }).data;
      for (const row of rows) {
        const out = htmlToText(row.description!);
        expect(out).not.toMatch(/<\/?[a-z][^>]*>/i);
        expect(out).not.toMatch(/&(#\d+|#x[0-9a-f]+|[a-z]+);/i);
        expect(out.length).toBeGreaterThan(0);
      }
    }
  });
});

describe('firstSentence', () => {
  it('cuts at the first sentence end, and to the length given', () => {
    expect(firstSentence('One. Two.')).toBe('One.');
    expect(firstSentence('x'.repeat(200), 10)).toBe(`${'x'.repeat(9)}…`);
  });
});

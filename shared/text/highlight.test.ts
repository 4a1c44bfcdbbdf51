import { describe, expect, it } from 'vitest';
import { linksIn, searchHits, splitByHits } from './highlight.ts';

describe('search hits', () => {
  it('marks every occurrence of every word, case-insensitively, merging overlaps', () => {
    const text = 'GPU nodes ran out of gpu memory';
    const second = text.lastIndexOf('gpu');
    expect(searchHits(text, ['gpu'])).toEqual([
      [0, 3],
      [second, second + 3],
    ]);
    expect(searchHits('abcd', ['abc', 'bcd'])).toEqual([[0, 4]]);
    expect(splitByHits('Token limit hit', ['limit'])).toEqual([
      { text: 'Token ', hit: false },
      { text: 'limit', hit: true },
      { text: ' hit', hit: false },
    ]);
    expect(splitByHits('', ['x'])).toEqual([{ text: '', hit: false }]);
  });

  it('lists the web addresses a text names, once, without trailing punctuation', () => {
    expect(linksIn(['See https://status.example.com/inc/1. Also http://x.test/a?b=1, and https://status.example.com/inc/1', 'javascript:alert(1)'])).toEqual([
      'https://status.example.com/inc/1',
      'http://x.test/a?b=1',
    ]);
  });
});

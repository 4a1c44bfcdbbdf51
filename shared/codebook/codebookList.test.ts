import { describe, expect, it } from 'vitest';
import { parseCategoryList } from './codebookList.ts';

describe('a codebook from a list of categories', () => {
  it('reads "Name: definition" lines, with indented lines as sub-categories of any depth', () => {
    const text = '\ufeff# root causes\r\nInfrastructure: hardware and networks\r\n  Network: DNS, bandwidth\r\n\t\tDNS: name resolution\r\n  Storage\r\nConfiguration: wrong settings: often by hand\r\n';
    expect(parseCategoryList(text)).toEqual({
      ok: true,
      codes: [
        {
          code: 'infrastructure',
          name: 'Infrastructure',
          description: 'hardware and networks',
          children: [
            { code: 'network', name: 'Network', description: 'DNS, bandwidth', children: [{ code: 'dns', name: 'DNS', description: 'name resolution' }] },
            { code: 'storage', name: 'Storage' },
          ],
        },
        { code: 'configuration', name: 'Configuration', description: 'wrong settings: often by hand' },
      ],
    });
  });

  it('names the line of a problem', () => {
    expect(parseCategoryList('A: x\n: no name')).toEqual({ ok: false, message: 'line 2: a category needs a name before the colon' });
    expect(parseCategoryList('Network\nnetwork: again')).toEqual({ ok: false, message: 'line 2: "network" gives the code "network", which another category at the same level has' });
    expect(parseCategoryList('\n# only a comment\n')).toMatchObject({ ok: false });
  });
});

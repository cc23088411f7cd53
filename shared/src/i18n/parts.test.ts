import { describe, expect, it } from 'vitest';
import { loadCatalogue } from './index.js';
import { nb } from './nb.js';
import { en } from './en.js';

describe('a catalogue in parts', () => {
  it('Norwegian: the phone gets the core at once, the facilitator part adds the rest, and together they are the whole', async () => {
    const core = loadCatalogue('nb', 'core');
    expect(core).not.toBeInstanceOf(Promise); // with the page: nothing to wait for on a phone
    const facilitator = await loadCatalogue('nb', 'facilitator');
    const both = Object.keys(core).filter((k) => k in facilitator);
    expect(both, 'a part of both would be overwritten by one of them').toEqual([]);
    expect({ ...core, ...facilitator }).toEqual(nb);
    // What the phone's screens never show stays out of its first download.
    expect(Object.keys(core)).not.toContain('report');
    expect(Object.keys(core)).not.toContain('people');
  });

  it('English comes whole with its core', async () => {
    expect(await loadCatalogue('en', 'core')).toEqual(en);
    expect(await loadCatalogue('en', 'facilitator')).toEqual({});
  });
});

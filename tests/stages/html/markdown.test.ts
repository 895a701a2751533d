// The narrative renderer (pipeline/stages/html/markdown.ts) given hostile Markdown: whatever a contributor writes
// in an image's alt text or title, or in a link's text, title or address, comes out as text, never as markup.
import { describe, expect, it } from 'vitest';
import { createNarrativeRenderer } from '../../../pipeline/stages/html/markdown.js';

const IMAGE_URL = 'data:image/png;base64,AAAA';
const render = (markdown: string) => createNarrativeRenderer({
  sourceNumber: () => 1,
  dataPointsById: new Map(),
  renderPlacement: () => '',
  figureRef: () => undefined,
  imageUrl: (src) => (src === 'chart.png' ? IMAGE_URL : undefined),
  onCitation: () => undefined,
}).render(markdown);

/** Each tag's name and attribute names; attribute values are dropped whole (escaping keeps `"` out of them). */
const tags = (html: string) => [...html.replace(/="[^"]*"/g, '').matchAll(/<([a-z]+)([^>]*)>/g)].map((m) => `${m[1]}[${m[2]!.trim()}]`);

/** Payloads that try to close an attribute or open an element. */
const PAYLOADS = ['x" onmouseover="alert(1)', "x' onmouseover='alert(1)", 'x"><script>alert(1)</script>', '<img src=x onerror=alert(1)>', 'a & b'];

describe('narrative Markdown', () => {
  it("escapes an image's alt text and title in their attributes", () => {
    expect(render('![x" onmouseover="alert(1)](chart.png)')).toBe(`<p><img class="narrative-image" src="${IMAGE_URL}" alt="x&quot; onmouseover=&quot;alert(1)"></p>\n`);
    expect(render('![a](chart.png "t\' onerror=\'alert(1)")')).toBe(`<p><img class="narrative-image" src="${IMAGE_URL}" alt="a" title="t&#39; onerror=&#39;alert(1)"></p>\n`);
  });

  it('adds no element or attribute for a hostile payload in an image or a link, whichever part it is in', () => {
    for (const payload of PAYLOADS) {
      const escaped = payload.replace(/[\\[\]()]/g, '\\$&');
      const quoted = payload.replace(/"/g, '\\"');
      expect(tags(render(`![${escaped}](chart.png)`)), payload).toEqual(['p[]', 'img[class src alt]']);
      expect(tags(render(`![alt](chart.png "${quoted}")`)), payload).toEqual(['p[]', 'img[class src alt title]']);
      expect(tags(render(`[${escaped}](https://example.com/ "${quoted}")`)), payload).toEqual(['p[]', 'a[href title]']);
      // An image that does not resolve prints its alt text.
      expect(tags(render(`![${escaped}](elsewhere.png)`)), payload).toEqual(['p[]']);
    }
  });

  it('prints a link to an unsafe address as its text', () => {
    expect(render('[click](javascript:alert(1)) [mail](mailto:a@example.com)')).toBe('<p>click <a href="mailto:a@example.com">mail</a></p>\n');
  });
});

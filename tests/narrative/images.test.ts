// Markdown images: found in a section's text with their offsets, and resolved only inside the briefing folder.
import { describe, expect, it } from 'vitest';
import { imagePath, scanImages } from '../../pipeline/narrative/images.js';

describe('narrative images', () => {
  it('finds each image with its source and offset, with or without angle brackets and a title', () => {
    const text = 'See ![a chart](img/a.png) and ![](<b.svg> "Title") or ![x]( c.png ) but not [a link](d.png).';
    expect(scanImages(text)).toEqual([
      { src: 'img/a.png', offset: 4 },
      { src: 'b.svg', offset: 30 },
      { src: 'c.png', offset: 54 },
    ]);
    expect(scanImages('![x](a.png   "spaced title")')).toEqual([{ src: 'a.png', offset: 0 }]);
    expect(scanImages('no images here')).toEqual([]);
  });

  it("resolves a relative path from the section's folder, and nothing outside the briefing", () => {
    expect(imagePath('sections/01-trends.md', 'img/a.png')).toBe('sections/img/a.png');
    expect(imagePath('sections/01-trends.md', '../img/a%20b.png')).toBe('img/a b.png');
    expect(imagePath('sections/01-trends.md', ' ./a.png ')).toBe('sections/a.png');
    expect(imagePath('intro.md', 'a.png')).toBe('a.png');
    expect(imagePath('intro.md', 'img/a:b.png')).toBe('img/a:b.png');
    for (const src of ['../../etc/passwd', '../..', 'https://example.com/a.png', ' https://example.com/a.png', 'data:image/png;base64,AA', '/etc/a.png', '\\\\server\\a.png', '%E0%A4%A.png']) {
      expect(imagePath('sections/01-trends.md', src), src).toBeUndefined();
    }
  });
});

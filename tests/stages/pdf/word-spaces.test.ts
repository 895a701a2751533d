import { describe, expect, it } from 'vitest';
import { preserveWordSpaces } from '../../../pipeline/stages/pdf/word-spaces.js';

describe('word-spaces', () => {
  const doc = (body: string) => `<html><head><style>p {}</style></head><body>${body}</body></html>`;

  it('drops formatting white space next to block tags and keeps one space elsewhere', () => {
    const out = preserveWordSpaces(doc('\n<ul>\n  <li>\n    <span>a</span>\n    <span>b</span> c\n</li>\n</ul>\n<p>soft\n  break <b>x</b>\n<i>y</i></p>'));
    expect(out).toContain('<body><ul><li><span>a</span> <span>b</span> c</li></ul><p>soft break <b>x</b> <i>y</i></p></body>');
  });

  it('turns pre-wrap on for the printed copy only, and leaves SVG and the head as they were', () => {
    const svg = '<svg viewBox="0 0 1 1">\n  <text>  a  </text>\n</svg>';
    const out = preserveWordSpaces(doc(`<div>${svg}</div>`));
    expect(out).toContain(svg);
    expect(out).toContain('<style>p {}</style><style>body { white-space: pre-wrap; } svg { white-space: normal; }</style>');
  });
});

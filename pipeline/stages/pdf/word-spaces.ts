// Word spaces that survive a line break. Chromium does not draw the collapsible space where a line wraps, so
// the PDF's text has none there and the structure text reads "runMLSecOps". With `white-space: pre-wrap` the
// space is preserved (it hangs at the line's end, so the layout is unchanged) and drawn. pre-wrap would also
// keep the markup's own indentation and line breaks, so the printed copy of the HTML first loses them: a run
// of white space with a line break next to a block element's tag goes, any other run becomes one space.
// Only the copy Chromium prints changes: the HTML file keeps its markup and its styles.
const BLOCK = new Set(['html', 'head', 'body', 'header', 'footer', 'main', 'nav', 'section', 'article', 'aside', 'div', 'p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'figure', 'figcaption', 'table', 'caption', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'blockquote', 'hr', 'br', 'meta', 'title', 'style', 'svg']);

const tagName = (tag: string | undefined) => /^<\/?([a-zA-Z0-9]+)/.exec(tag ?? '')?.[1]?.toLowerCase();

/** The document to print: pre-wrap on, the body's formatting white space removed, every other run one space. */
export function preserveWordSpaces(html: string): string {
  const bodyStart = html.indexOf('<body');
  if (bodyStart < 0) throw new Error('the HTML stage\'s document has no <body>');
  const parts = html.slice(bodyStart).split(/(<svg\b[\s\S]*?<\/svg>|<[^>]*>)/);
  for (let i = 0; i < parts.length; i += 2) {
    const before = BLOCK.has(tagName(parts[i - 1]) ?? '');
    const after = BLOCK.has(tagName(parts[i + 1]) ?? '');
    parts[i] = parts[i]!
      .replace(/^\s*\n\s*/, (run) => (before ? '' : run))
      .replace(/\s*\n\s*$/, (run) => (after ? '' : run))
      .replace(/\s+/g, ' ');
  }
  // SVG text keeps its own white-space handling.
  const head = html.slice(0, bodyStart).replace('</head>', '<style>body { white-space: pre-wrap; } svg { white-space: normal; }</style>\n</head>');
  return head + parts.join('');
}

// Text from a briefing or a build, printed into Markdown (diff --format markdown, the CI job summary), where it
// must stay text: no line break that starts a heading or a list, no code span or fence it can close, no table
// cell it can end, no link (GitHub's autolinks included), strikethrough, image or HTML it can open.

/** Line breaks of every kind and other control characters, each run read as one space. */
const BREAKS = /[\s\u0000-\u001f\u007f]*[\r\n\u000b\u000c\u0085\u2028\u2029\u0000-\u0008\u000e-\u001f\u007f][\s\u0000-\u001f\u007f]*/g;

const oneLine = (text: string) => text.replace(BREAKS, ' ');

/**
 * Text safe inside a Markdown table cell, list item or heading. Beyond CommonMark, GitHub's renderer links bare
 * "http(s)://…", "www.…" and e-mail addresses and strikes "~~…~~" (and "~…~"): a backslash before the ":" of "://",
 * the "." of "www." and every "@" and "~" leaves the text as written and opens none of them.
 */
export const markdownText = (text: string): string =>
  oneLine(text).replace(/[\\`*_[\]<>|~@]/g, '\\$&').replace(/:(?=\/\/)/g, '\\:').replace(/(www)\./gi, '$1\\.');

/** Text as a code span on one line, fenced by more backticks than it holds in a row, its pipes kept in a table cell. */
export function markdownCode(text: string): string {
  const line = oneLine(text).replace(/\|/g, '\\|');
  const fence = '`'.repeat(Math.max(0, ...(line.match(/`+/g) ?? []).map((run) => run.length)) + 1);
  const pad = line.startsWith('`') || line.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${line}${pad}${fence}`;
}

/** Lines as a fenced code block that no line of theirs can close. */
export function markdownCodeBlock(text: string): string {
  const fence = '`'.repeat(Math.max(2, ...(text.match(/`+/g) ?? []).map((run) => run.length)) + 1);
  return `${fence}\n${text.replace(/\r\n?/g, '\n')}\n${fence}`;
}

// Markdown images, `![alt](src)`: found in a section's text (the load stage reads what they name) and resolved
// against the section's own path. Only files inside the briefing folder resolve; nothing is ever downloaded.
import { posix, sep } from 'node:path';

export interface ImageOccurrence {
  src: string;
  offset: number;
}

/** Markdown images, `![alt](src)`, in the order they appear. */
export function scanImages(text: string): ImageOccurrence[] {
  return [...text.matchAll(/!\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => ({ src: m[1]!, offset: m.index }));
}

/**
 * An image's path relative to the briefing folder, resolved from the section that names it; undefined for
 * anything that is not a relative path inside the folder (validate reports those).
 */
export function imagePath(sectionPath: string, src: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:|^[/\\]/i.test(src.trim())) return undefined;
  let decoded: string;
  try {
    decoded = decodeURI(src.trim());
  } catch {
    return undefined;
  }
  const resolved = posix.normalize(posix.join(posix.dirname(sectionPath.split(sep).join('/')), decoded));
  return resolved.startsWith('../') || resolved === '..' ? undefined : resolved;
}

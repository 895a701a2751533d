// The palette is defined once in code; the stylesheet's custom properties must say the same colours.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACCENT, INK, MUTED } from '../../pipeline/theme/palette.js';
import { TEMPLATES_DIR } from '../../pipeline/theme/templates.js';

describe('palette', () => {
  it("is the stylesheet's: ink, muted and accent as in templates/briefing.css", () => {
    const css = readFileSync(join(TEMPLATES_DIR, 'briefing.css'), 'utf8');
    const root = /:root\s*\{([^}]*)\}/.exec(css)![1]!;
    const property = (name: string) => new RegExp(`--${name}:\\s*(#[0-9a-f]{6})`, 'i').exec(root)?.[1]?.toLowerCase();
    expect({ ink: property('ink'), muted: property('muted'), accent: property('accent') }).toEqual({ ink: INK, muted: MUTED, accent: ACCENT });
  });
});

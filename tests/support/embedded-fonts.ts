// The fonts an HTML document embeds in its @font-face rules, as bytes.
export function embeddedFonts(html: string): { face: string; font: Uint8Array }[] {
  return [...html.matchAll(/font-family:"([^"]+)";font-style:(\w+);font-weight:(\d+);[^}]*base64,([A-Za-z0-9+/=]+)/g)]
    .map(([, family, style, weight, data]) => ({ face: `${family} ${weight} ${style}`, font: new Uint8Array(Buffer.from(data!, 'base64')) }));
}

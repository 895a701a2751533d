import { beforeAll, describe, expect, it } from 'vitest';
import type { ResolvedBriefing } from '../../pipeline/model/resolved.js';
import { changedBriefing, loadDefaultBriefing } from '../support/default-briefing.js';
import { htmlOf } from '../support/stages.js';

let briefing: ResolvedBriefing;
let html: string;
const render = (b: ResolvedBriefing) => htmlOf(b, { toolVersion: '0.0.0-test' });

beforeAll(async () => {
  briefing = await loadDefaultBriefing();
  html = await render(briefing);
});

const text = (markup: string) => markup.replace(/<style>[\s\S]*?<\/style>/g, '').replace(/<svg[\s\S]*?<\/svg>/g, '').replace(/<[^>]+>/g, ' ').replace(/&amp;/g, '&').replace(/\s+/g, ' ');

describe('html', () => {
  it('is one self-contained file: no script, no external load, fonts embedded', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\b(src|href)="(?!#|data:)/);
    expect(html).not.toMatch(/url\((?!data:|#)/);
    expect(html).toContain('src:url(data:font/woff;base64,');
    expect(html).toContain("default-src 'none'");
  });

  it('holds every data point, role and publisher', () => {
    const body = text(html);
    for (const value of ['5.98%', '5.4%', '1.4%', '1.8%', '37.3%', '30%']) expect(body).toContain(value);
    for (const role of ['AI Security Engineer', 'MLSecOps Specialist', 'AI Governance/Compliance Lead', 'Prompt Injection Specialist']) expect(body).toContain(role);
    for (const publisher of ['McKinsey', 'Aura', 'The Skills Coalition', 'IEEE Spectrum', 'Nebulai']) expect(body).toContain(publisher);
  });

  it('numbers citations in order of first use and links them to the sources list', () => {
    const cited = [...html.matchAll(/role="doc-noteref"[^>]*>(\d+)</g)].map((m) => Number(m[1]));
    expect(cited.slice(0, 2)).toEqual([1, 2]);
    expect(Math.max(...cited)).toBe(5);
    const listed = [...html.matchAll(/<li id="source-(\d+)" value="\d+">\s*<span class="source-publisher">([^<]+)</g)].map((m) => `${m[1]} ${m[2]}`);
    expect(listed).toEqual(['1 Aura', '2 The Skills Coalition', '3 McKinsey', '4 Nebulai', '5 IEEE Spectrum']);
    for (const [, target] of html.matchAll(/href="#(source-\d+)"/g)) expect(html).toContain(`id="${target}"`);
    for (const [, back] of html.matchAll(/href="#(cite-\d+)" role="doc-backlink"/g)) expect(html).toContain(`id="${back}"`);
  });

  it('renders the summary table as a real table, its title the caption, and numbers figures in order', () => {
    expect(html).toMatch(/<table class="data-table">\s*<caption class="figure-title"><span class="figure-label">Table 1\.<\/span> [^<]+<\/caption>\s*<thead><tr><th scope="col">Role<\/th><th scope="col">Core focus<\/th><th scope="col">Demand driver<\/th>/);
    expect([...html.matchAll(/<span class="figure-label">(Figure|Table) (\d+)\.<\/span>/g)].map((m) => `${m[1]} ${m[2]}`)).toEqual(['Figure 1', 'Figure 2', 'Figure 3', 'Table 1']);
  });

  it('escapes raw HTML in the narrative and drops unsafe links', async () => {
    const section = briefing.briefing.sections[0]!;
    const hostile = changedBriefing(briefing, {
      sections: [{ ...section, markdown: `${section.markdown}\n\n<script>alert(1)</script> [x](javascript:alert(1)) <img src="http://example.test/x.png">\n` }],
    });
    const out = await render(hostile);
    expect(out).not.toMatch(/<script/i);
    expect(out).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(out).not.toMatch(/href="javascript:/i);
    expect(out).not.toContain('<img');
  });

  it('lets a source URL break only after "/" or ".", never inside "//" or after its own hyphens', async () => {
    const url = 'https://www.example-news.com/2024/07/ibm-average-breach-costs-hit-record';
    const sources = briefing.briefing.sources.map((source, i) => (i === 0 ? { ...source, url } : source));
    const rendered = await render(changedBriefing(briefing, { sources }));
    const anchor = new RegExp(`<a href="${url.replace(/[.]/g, '\\.')}">(.*?)</a>`).exec(rendered)?.[1];
    expect([...anchor!.matchAll(/<span class="url-part">([^<]*)<\/span>/g)].map((m) => m[1])).toEqual(
      ['https://', 'www.', 'example-news.', 'com/', '2024/', '07/', 'ibm-average-breach-costs-hit-record'],
    );
  });

  it('is the same bytes when rendered twice', async () => {
    expect(await render(briefing)).toBe(html);
  });
});

describe('html cross-references', () => {
  it('turns {{figure:id}} and {{table:id}} into numbered links, even before the placement', async () => {
    const withRefs = changedBriefing(briefing, {
      sections: briefing.briefing.sections.map((s, i) => (i === 0 ? { ...s, markdown: `See {{figure:postings-demanding-ai-skills}} and {{table:key-roles}}.\n\n${s.markdown}` } : s)),
    });
    const out = await render(withRefs);
    expect(out).toContain('See <a class="figure-ref" href="#figure-postings-demanding-ai-skills">Figure 3</a> and <a class="figure-ref" href="#table-key-roles">Table 1</a>.');
    expect(out).toContain('id="figure-postings-demanding-ai-skills"');
  });
});

describe('html templates and hostile data', () => {
  it('prints template syntax in briefing data as text: data is never compiled', async () => {
    const sneaky = '{{constructor.constructor "return process"}} {{#each this}}x{{/each}} <b>bold</b>';
    const out = await render(changedBriefing(briefing, { meta: { ...briefing.meta, summary: sneaky } }));
    expect(out).toContain('{{constructor.constructor &quot;return process&quot;}} {{#each this}}x{{/each}} &lt;b&gt;bold&lt;/b&gt;');
  });
});

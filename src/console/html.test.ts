import { describe, expect, it } from 'vitest';
import { escapeHtml, href, html, Html } from './html.js';

describe('the html tag', () => {
  it('escapes every interpolated string, in text and in attributes', () => {
    const evil = `<script>alert("x")</script>' onmouseover='y' \`z\` &amp;`;
    const out = html`<p title="${evil}">${evil}</p>`.value;
    expect(out).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39; onmouseover=&#39;y&#39; &#96;z&#96; &amp;amp;">' +
        '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39; onmouseover=&#39;y&#39; &#96;z&#96; &amp;amp;</p>',
    );
    expect(out).not.toContain('<script');
  });

  it('keeps Html made by the tag, escapes arrays item by item, writes nothing for null/undefined/false', () => {
    const items = ['a<b', html`<b>${'c&d'}</b>`];
    const list = items.map((i) => html`<li>${i}</li>`);
    // prettier-ignore
    const ul = html`<ul>${list}</ul>`;
    expect(ul.value).toBe('<ul><li>a&lt;b</li><li><b>c&amp;d</b></li></ul>');
    expect(html`${null}${undefined}${false}${0}${true}`.value).toBe('0true');
  });

  it('a plain object pretending to be Html is escaped, not trusted', () => {
    const fake = { value: '<img src=x onerror=alert(1)>' } as unknown as string;
    expect(html`${fake}`.value).toBe('[object Object]');
    expect(html`${String(new Html('<i>'))}`.value).toBe('&lt;i&gt;');
  });

  it('escapeHtml covers & < > " \' `', () => {
    expect(escapeHtml(`&<>"'\``)).toBe('&amp;&lt;&gt;&quot;&#39;&#96;');
  });

  it('href writes same-site paths only, with an encoded query', () => {
    expect(href('/console/berichten', { status: 'klaargezet', bericht: undefined, q: 'a&b<' })).toBe(
      '/console/berichten?status=klaargezet&q=a%26b%3C',
    );
    expect(href('//evil.example/x')).toBe('#');
    expect(href('javascript:alert(1)')).toBe('#');
  });
});

describe('the console writes markup only through the html tag', () => {
  it('no console module but html.ts makes Html or writes a page from strings of its own', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const dir = import.meta.dirname;
    const files = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'html.ts');
    expect(files.length).toBeGreaterThan(5);
    for (const f of files) {
      const src = readFileSync(`${dir}/${f}`, 'utf8');
      // Html is only ever made by the tag; no module builds a body by concatenating markup itself.
      expect(src, f).not.toMatch(/new Html\(/);
      expect(src, f).not.toMatch(/\.value\s*\+|\+\s*[a-zA-Z_.]+\.value\b/);
      expect(src, f).not.toMatch(/body:\s*`/);
    }
  });
});

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
    expect(
      html`<ul>
        ${items.map((i) => html`<li>${i}</li>`)}
      </ul>`.value,
    ).toBe('<ul><li>a&lt;b</li><li><b>c&amp;d</b></li></ul>');
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

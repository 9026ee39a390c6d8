/**
 * A canonical form for comparing two berichten as documents: elements by {namespace URI}local
 * name (prefixes ignored), whitespace-only text between elements dropped, comments and processing
 * instructions dropped, leaf text kept exactly (CDATA and references resolved by the parser).
 * Attributes other than namespace declarations are kept. One line per element, so a diff points at
 * the first difference.
 */
import { SaxesParser } from 'saxes';

export function canonicalXml(xml: string): string {
  const parser = new SaxesParser({ xmlns: true, position: false });
  const lines: string[] = [];
  const stack: { line: number; text: string; hasChild: boolean }[] = [];
  let error: Error | undefined;
  parser.on('error', (e) => {
    error ??= e;
  });
  parser.on('opentag', (tag) => {
    const parent = stack[stack.length - 1];
    if (parent) parent.hasChild = true;
    const attrs = Object.values(tag.attributes)
      .filter((a) => a.prefix !== 'xmlns' && a.name !== 'xmlns')
      .map((a) => ` {${a.uri}}${a.local}=${JSON.stringify(a.value)}`)
      .sort()
      .join('');
    lines.push(`${'  '.repeat(stack.length)}{${tag.uri}}${tag.local}${attrs}`);
    stack.push({ line: lines.length - 1, text: '', hasChild: false });
  });
  const onText = (t: string): void => {
    const top = stack[stack.length - 1];
    if (top) top.text += t;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', () => {
    const top = stack.pop()!;
    // Mixed content does not occur in valid berichten; non-blank text beside children is kept so
    // that a difference there still shows.
    if (!top.hasChild || /[^ \t\r\n]/.test(top.text)) lines[top.line] += ` = ${JSON.stringify(top.text)}`;
  });
  parser.write(xml).close();
  if (error !== undefined) throw error;
  return lines.join('\n');
}

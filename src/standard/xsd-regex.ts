/**
 * XML Schema regular expressions → ECMAScript. XSD patterns are implicitly anchored and their
 * `\s`, `\S` and `.` are narrower than JavaScript's: `\s` is exactly space, tab, CR, LF
 * (XML Schema 1.0 part 2, appendix F.1.1), `.` is anything but CR and LF. Getting these wrong makes
 * us disagree with libxml2 on values like "\u00a0" (a no-break space is not XSD whitespace).
 * The basisschema only uses character classes, groups, `+ * {n}` and these escapes, so the
 * translation handles exactly that and refuses anything else (subtraction, \p, \i, \c).
 */
export function xsdPatternToEcma(pattern: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') {
      const n = pattern[i + 1];
      i++;
      switch (n) {
        case 's':
          out += inClass ? ' \\t\\n\\r' : '[ \\t\\n\\r]';
          break;
        case 'S':
          if (inClass) throw new Error(`\\S inside a class is not supported: ${pattern}`);
          out += '[^ \\t\\n\\r]';
          break;
        case 'd':
          out += inClass ? '0-9' : '[0-9]';
          break;
        case '.':
        case '-':
        case '\\':
        case '[':
        case ']':
        case '(':
        case ')':
        case '{':
        case '}':
        case '*':
        case '+':
        case '?':
        case '|':
        case '^':
        case '$':
        case 'n':
        case 'r':
        case 't':
          out += '\\' + n;
          break;
        default:
          throw new Error(`unsupported XSD regex escape \\${n ?? ''} in ${pattern}`);
      }
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      if (c === '[') throw new Error(`nested class / subtraction not supported: ${pattern}`);
      out += c;
      continue;
    }
    switch (c) {
      case '[':
        inClass = true;
        out += c;
        break;
      case '.':
        out += '[^\\n\\r]';
        break;
      case '^':
      case '$':
        out += '\\' + c;
        break; // literal in XSD regexes
      default:
        out += c;
    }
  }
  return `^(?:${out})$`;
}

export function compileXsdPattern(pattern: string): RegExp {
  return new RegExp(xsdPatternToEcma(pattern), 'u');
}

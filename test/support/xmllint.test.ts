import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { samplesDir, xsdPath } from './paths.js';
import { xmllintValidate } from './xmllint.js';

describe('xmllint runner (libxml2-wasm, no system binary)', () => {
  it('validates many files in input order, the errors naming the real file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sluis-xl-'));
    try {
      const good = readFileSync(join(samplesDir(), 'JW301.xml'));
      const files: string[] = [];
      for (let i = 0; i < 7; i++) {
        const f = join(dir, `f${i}.xml`);
        writeFileSync(f, i === 3 ? good.toString('utf8').replace('<jw301:Geslacht>', '<jw301:Geslacht>9') : i === 5 ? '<a><b></a>' : good);
        files.push(f);
      }
      const v = await xmllintValidate(xsdPath('JW301'), files);
      expect(v.map((x) => x.valid)).toEqual([true, true, true, false, true, false, true]);
      expect(v.map((x) => x.file)).toEqual(files);
      expect(v[3]!.errors.length).toBeGreaterThan(0);
      for (const l of [...v[3]!.errors, ...v[5]!.errors]) expect(l.startsWith(`${dir}/f`), l).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a namespace error is invalid though libxml2 recovers from it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sluis-xl-'));
    try {
      const f = join(dir, 'ns.xml');
      const good = readFileSync(join(samplesDir(), 'JW301.xml'), 'utf8');
      writeFileSync(f, good.replace(/xmlns:ijw="[^"]*"/, 'xmlns:ijw=""'));
      const [v] = await xmllintValidate(xsdPath('JW301'), [f]);
      expect(v!.valid).toBe(false);
      expect(v!.errors[0]).toMatch(/Empty XML namespace is not allowed/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects when the schema cannot be compiled instead of calling everything invalid', async () => {
    await expect(xmllintValidate('/nonexistent/JW301.xsd', [join(samplesDir(), 'JW301.xml')])).rejects.toThrow(/could not compile/);
    const dir = mkdtempSync(join(tmpdir(), 'sluis-xl-'));
    try {
      const xsd = join(dir, 'broken.xsd');
      writeFileSync(xsd, '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"><xs:element name="a" type="nope"/></xs:schema>');
      await expect(xmllintValidate(xsd, [join(samplesDir(), 'JW301.xml')])).rejects.toThrow(/could not compile/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

import { csvDelimiterOf, parseCsvRecords, parseLeadsCsv } from './parse-leads-csv';

describe('parseCsvRecords', () => {
  it('reads quoted fields with commas, escaped quotes and newlines, CRLF or LF', () => {
    expect(parseCsvRecords('a,b\r\n"x, y","say ""hi"""\n"multi\nline",z\n')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['x, y', 'say "hi"'] },
      { line: 3, fields: ['multi\nline', 'z'] },
    ]);
  });

  it('reads semicolon and tab files, with or without a BOM, as Excel writes them in many locales', () => {
    const expected = [
      { line: 1, fields: ['profileUrl', 'firstName', 'note'] },
      { line: 2, fields: ['https://www.linkedin.com/in/sarah-chen', 'Sarah', 'a, b'] },
      { line: 4, fields: ['priya-patel', 'Priya', 'two\nlines'] },
    ];
    const semicolon = 'profileUrl;firstName;note\r\nhttps://www.linkedin.com/in/sarah-chen;Sarah;a, b\r\n\r\npriya-patel;Priya;"two\nlines"\r\n';
    expect(parseCsvRecords(semicolon)).toEqual(expected);
    expect(parseCsvRecords(`\uFEFF${semicolon}`)).toEqual(expected);
    const tab = semicolon.replace(/;/g, '\t');
    expect(parseCsvRecords(tab)).toEqual(expected);
    expect(parseCsvRecords(`\uFEFF${tab}`)).toEqual(expected);
    expect(csvDelimiterOf('"a;b",c\n')).toBe(',');
  });
});

describe('parseLeadsCsv', () => {
  it('takes the profile column and turns the others into attributes', () => {
    const result = parseLeadsCsv('\uFEFFLinkedIn URL,firstName,company\nhttps://www.linkedin.com/in/sarah,Sarah,Northwind\n,Nobody,\nmarcus,,Contoso\n');
    expect(result).toEqual({
      ok: true,
      rows: [
        { line: 2, profile: 'https://www.linkedin.com/in/sarah', attributes: { firstName: 'Sarah', company: 'Northwind' } },
        { line: 4, profile: 'marcus', attributes: { company: 'Contoso' } },
      ],
      skipped: [{ line: 3, reason: 'missing_profile' }],
    });
  });

  it('refuses a file without a profile column, naming what to call it', () => {
    const result = parseLeadsCsv('name,company\nSarah,Northwind\n');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain('profileUrl');
  });

  it('refuses more rows than allowed', () => {
    expect(parseLeadsCsv('profile\nabc\nbcd\ncde\n', 2)).toEqual({ ok: false, field: 'file', message: 'the file has 3 rows; at most 2 per upload' });
  });

  it('refuses a row whose profile is not a LinkedIn person, naming leads[i].profile with i the data row index and the line', () => {
    const csv = 'profileUrl,firstName\nhttps://www.linkedin.com/in/sarah,Sarah\n,Nobody\n\n"javascript:alert(1)",Eve\nmarcus,Marcus\n';
    const result = parseLeadsCsv(csv);
    expect(result).toMatchObject({ ok: false, field: 'leads[2].profile' });
    if (!result.ok) expect(result.message).toMatch(/^line 5 is not a LinkedIn profile URL/);
    for (const bad of ['👋', 'https://example.com/in/sarah', 'urn:li:person:ACoAA...', '"sarah\nchen"']) {
      expect(parseLeadsCsv(`profile\n${bad}\n`)).toMatchObject({ ok: false, field: 'leads[0].profile' });
    }
  });
});

describe('parseLeadsCsv with a broken file', () => {
  it('refuses an unterminated quote naming file and the line', () => {
    const parsed = parseLeadsCsv('profileUrl,firstName\n"sarah-chen,Sarah\n');
    expect(parsed).toMatchObject({ ok: false, field: 'file' });
    if (!parsed.ok) expect(parsed.message).toMatch(/line/i);
  });
});

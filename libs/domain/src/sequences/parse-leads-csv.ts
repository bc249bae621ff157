import { parse } from 'csv-parse/sync';
import { LEAD_PROFILE_KINDS, personRefProblem } from '../linkedin-refs';

/** Header names accepted for the LinkedIn profile column (case and punctuation ignored). */
const PROFILE_HEADERS = ['profile', 'profileid', 'profileurn', 'profileurl', 'linkedin', 'linkedinurl', 'linkedinprofile', 'linkedinprofileurl', 'url'];

export interface CsvLeadRow {
  /** 1-based line of the row in the file (the header is line 1). */
  line: number;
  profile: string;
  attributes: Record<string, string>;
}

/** A refused file names the field like a JSON import would: `file`, or `leads[i].profile` with i the data row's index. */
export type ParsedLeadsCsv = { ok: true; rows: CsvLeadRow[]; skipped: Array<{ line: number; reason: string }> } | { ok: false; field: string; message: string };

const DELIMITERS = [',', ';', '\t'] as const;

/** The delimiter of the header line: comma, or semicolon / tab as Excel writes CSV in many locales. */
export function csvDelimiterOf(text: string): (typeof DELIMITERS)[number] {
  const header = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/).find((l) => l.trim() !== '') ?? '';
  const outsideQuotes = header.replace(/"(?:[^"]|"")*"/g, '');
  const counts = DELIMITERS.map((d) => outsideQuotes.split(d).length - 1);
  const best = counts.indexOf(Math.max(...counts));
  return counts[best]! > 0 ? DELIMITERS[best]! : ',';
}

/**
 * RFC 4180 records (quoted fields with "" escapes and embedded newlines; CRLF, LF or CR, even mixed) read by
 * csv-parse, with a BOM dropped and the delimiter taken from the header line; `line` is where a record starts.
 * Throws csv-parse's error (with its line) on a broken file.
 */
export function parseCsvRecords(text: string): Array<{ line: number; fields: string[] }> {
  const parsed = parse(text, {
    bom: true,
    delimiter: csvDelimiterOf(text),
    record_delimiter: ['\r\n', '\n', '\r'],
    relax_column_count: true,
    skip_empty_lines: true,
    info: true,
  }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
  return parsed
    .map(({ record, info }) => ({ line: info.lines - record.reduce((n, f) => n + (f.match(/\r\n|\r|\n/g)?.length ?? 0), 0), fields: record }))
    .filter((r) => r.fields.some((f) => f.trim() !== ''));
}

const normalise = (header: string) => header.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * Leads from a CSV file: one column names the LinkedIn profile (URL, URN, id or vanity name); every
 * other column becomes a template attribute under its header (`firstName`, `company`, …).
 */
export function parseLeadsCsv(text: string, maxRows = 10_000): ParsedLeadsCsv {
  let records: Array<{ line: number; fields: string[] }>;
  try {
    records = parseCsvRecords(text);
  } catch (err) {
    return { ok: false, field: 'file', message: `not a readable CSV file: ${(err as Error).message}` };
  }
  if (records.length === 0) return { ok: false, field: 'file', message: 'the file is empty; the first line must be a header' };
  const headers = records[0]!.fields.map((h) => h.trim());
  const profileColumn = headers.findIndex((h) => PROFILE_HEADERS.includes(normalise(h)));
  if (profileColumn < 0) return { ok: false, field: 'file', message: `no profile column: name one column "profileUrl" (or ${PROFILE_HEADERS.slice(0, 4).join(', ')})` };
  if (records.length - 1 > maxRows) return { ok: false, field: 'file', message: `the file has ${records.length - 1} rows; at most ${maxRows} per upload` };
  const rows: CsvLeadRow[] = [];
  const skipped: Array<{ line: number; reason: string }> = [];
  for (const [index, record] of records.slice(1).entries()) {
    const profile = (record.fields[profileColumn] ?? '').trim();
    // An empty profile cell is skipped (a sheet's unfinished row); anything else must name a LinkedIn person.
    if (!profile) {
      skipped.push({ line: record.line, reason: 'missing_profile' });
      continue;
    }
    const problem = personRefProblem(profile, LEAD_PROFILE_KINDS);
    if (problem) return { ok: false, field: `leads[${index}].profile`, message: `line ${record.line} ${problem}` };
    const attributes: Record<string, string> = {};
    headers.forEach((h, i) => {
      const value = (record.fields[i] ?? '').trim();
      if (i !== profileColumn && h !== '' && value !== '') attributes[h] = value;
    });
    rows.push({ line: record.line, profile, attributes });
  }
  return { ok: true, rows, skipped };
}

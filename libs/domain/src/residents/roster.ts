import { normalizeMobile, normalizePersonName } from '../identity/contact';
import { parseIdNumber } from '../identity/id-number';
import { CalendarDate, isCalendarDate } from '../shared/calendar-date';
import { InvalidValueError } from '../shared/domain-error';
import { assertTagsFitSex, parseTagList, RECORDED_TAGS, RecordedTag } from './population-tags';

/**
 * The resident roster (花名册) a county imports as CSV: one resident per row,
 * validated by the same rules as a resident registered through the API.
 */
export const ROSTER_COLUMNS = ['name', 'idNumber', 'phone', 'township', 'addressLine', 'householdNo', 'tags', 'birthDate', 'sex'] as const;
export type RosterColumn = (typeof ROSTER_COLUMNS)[number];
export const REQUIRED_ROSTER_COLUMNS: readonly RosterColumn[] = ['name', 'idNumber'];

/** Header names accepted per column: the API field name and the usual Chinese headers of county rosters. */
export const ROSTER_HEADER_ALIASES: Record<RosterColumn, readonly string[]> = {
  name: ['name', '姓名'],
  idNumber: ['idnumber', 'id_number', '身份证号', '身份证号码', '公民身份号码', '证件号码'],
  phone: ['phone', 'mobile', '手机号', '手机号码', '联系电话', '电话'],
  township: ['township', '乡镇', '乡镇街道', '乡镇(街道)', '乡镇（街道）', '街道'],
  addressLine: ['addressline', 'address', '地址', '详细地址', '现住址', '家庭住址'],
  householdNo: ['householdno', 'household_no', '户号', '户编号', '家庭编号'],
  tags: ['tags', '人群标签', '重点人群', '人群分类'],
  birthDate: ['birthdate', 'birth_date', '出生日期'],
  sex: ['sex', 'gender', '性别'],
};

/** Text columns and their widths (the resident table's). */
const MAX_LENGTH: Partial<Record<RosterColumn, number>> = { township: 64, addressLine: 200, householdNo: 32, tags: 200 };

const COLUMN_BY_HEADER: ReadonlyMap<string, RosterColumn> = new Map(
  ROSTER_COLUMNS.flatMap((column) => ROSTER_HEADER_ALIASES[column].map((alias) => [alias, column] as [string, RosterColumn])),
);

/** Which roster column each position of the file holds (null: a column the roster does not use). */
export interface RosterLayout {
  columns: ReadonlyArray<RosterColumn | null>;
  /** Header cells that name no roster column; ignored (a roster often carries 序号, 备注 …). */
  ignored: string[];
}

function headerKey(cell: string): string {
  return cell.replace(/^\uFEFF/, '').normalize('NFKC').trim().toLowerCase().replace(/[\s*]/g, '');
}

/** Reads the header row; a missing required column or a column named twice is an error of the whole file. */
export function rosterLayout(header: readonly string[]): RosterLayout {
  const columns: Array<RosterColumn | null> = [];
  const ignored: string[] = [];
  const seen = new Set<RosterColumn>();
  for (const cell of header) {
    const column = COLUMN_BY_HEADER.get(headerKey(cell)) ?? null;
    if (column && seen.has(column)) {
      throw new InvalidValueError('header', 'duplicate_column', `column ${column} appears twice`, { column });
    }
    if (column) seen.add(column);
    else if (cell.trim()) ignored.push(cell.trim().slice(0, 64));
    columns.push(column);
  }
  for (const column of REQUIRED_ROSTER_COLUMNS) {
    if (!seen.has(column)) throw new InvalidValueError('header', 'missing_column', `the header has no ${column} column`, { column });
  }
  return { columns, ignored };
}

/** One valid roster row, normalised. Optional cells left empty are null (they change nothing on an update). */
export interface RosterRow {
  name: string;
  idNumber: string;
  birthDate: CalendarDate;
  sex: 'male' | 'female';
  phone: string | null;
  township: string | null;
  addressLine: string | null;
  householdNo: string | null;
  /** null when the roster says nothing about tags. */
  tags: RecordedTag[] | null;
}

export interface RosterProblem {
  field: string;
  code: string;
  params?: Record<string, string | number>;
}

export type RosterRowResult = { ok: true; row: RosterRow } | { ok: false; problems: RosterProblem[] };

const SEX_WORDS: Record<string, 'male' | 'female'> = { 男: 'male', 女: 'female', male: 'male', female: 'female', m: 'male', f: 'female', '1': 'male', '2': 'female' };

/** 1980-01-02, 1980/1/2, 1980.01.02 or 19800102, as spreadsheets write dates. */
function readDate(raw: string): CalendarDate | null {
  const m = /^(\d{4})[-/.年]?(\d{1,2})[-/.月]?(\d{1,2})日?$/.exec(raw);
  if (!m) return null;
  const date = `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
  return isCalendarDate(date) ? date : null;
}

/**
 * Validates one data row against the layout. Every problem of the row is
 * reported; a row with any problem is rejected whole (never a partial row).
 */
export function parseRosterRow(cells: readonly string[], layout: RosterLayout, today: CalendarDate): RosterRowResult {
  const problems: RosterProblem[] = [];
  if (cells.length !== layout.columns.length) {
    return { ok: false, problems: [{ field: 'row', code: 'column_count', params: { expected: layout.columns.length, actual: cells.length } }] };
  }
  const cell: Partial<Record<RosterColumn, string>> = {};
  layout.columns.forEach((column, i) => {
    // A line break typed inside a spreadsheet cell (Alt+Enter) is a space in a registry field.
    if (column) cell[column] = cells[i].replace(/[\r\n\t]+/g, ' ').trim();
  });
  const attempt = <T>(field: string, read: () => T): T | undefined => {
    try {
      return read();
    } catch (e) {
      if (!(e instanceof InvalidValueError)) throw e;
      problems.push({ field, code: e.code, ...(Object.keys(e.params).length ? { params: e.params } : {}) });
      return undefined;
    }
  };

  for (const column of ROSTER_COLUMNS) {
    const value = cell[column];
    if (value === undefined) continue;
    // U+FFFD: bytes that were not valid in the file's encoding; the value is unreadable, not just odd.
    if (value.includes('\uFFFD')) problems.push({ field: column, code: 'encoding_invalid' });
    else if (/\p{Cc}/u.test(value)) problems.push({ field: column, code: 'control_characters' });
    else if (MAX_LENGTH[column] && Array.from(value).length > MAX_LENGTH[column]!) {
      problems.push({ field: column, code: 'too_long', params: { max: MAX_LENGTH[column]! } });
    }
  }
  const bad = new Set(problems.map((p) => p.field));
  const optional = (column: RosterColumn): string | null => (!bad.has(column) && cell[column] ? cell[column]! : null);

  let name: string | undefined;
  if (!bad.has('name')) {
    if (!cell.name) problems.push({ field: 'name', code: 'required' });
    else name = attempt('name', () => normalizePersonName(cell.name!));
  }
  let identity: ReturnType<typeof parseIdNumber> | undefined;
  if (!bad.has('idNumber')) {
    if (!cell.idNumber) problems.push({ field: 'idNumber', code: 'required' });
    else identity = attempt('idNumber', () => parseIdNumber(cell.idNumber!, today));
  }
  const phoneCell = optional('phone');
  const phone = phoneCell ? attempt('phone', () => normalizeMobile(phoneCell)) : null;
  const tagsCell = cell.tags === undefined || bad.has('tags') ? null : cell.tags;
  const tags = tagsCell ? attempt('tags', () => parseTagList(tagsCell)) : null;

  if (identity) {
    const birthCell = optional('birthDate');
    if (birthCell) {
      const birthDate = readDate(birthCell);
      if (!birthDate) problems.push({ field: 'birthDate', code: 'invalid_date' });
      else if (birthDate !== identity.birthDate) problems.push({ field: 'birthDate', code: 'birth_date_mismatch' });
    }
    const sexCell = optional('sex');
    if (sexCell) {
      const sex = SEX_WORDS[sexCell.toLowerCase()];
      if (!sex) problems.push({ field: 'sex', code: 'sex_format' });
      else if (sex !== identity.sex) problems.push({ field: 'sex', code: 'sex_mismatch' });
    }
    if (tags) attempt('tags', () => assertTagsFitSex(tags, identity!.sex));
  }

  if (problems.length > 0 || !identity || name === undefined || phone === undefined || tags === undefined) {
    return { ok: false, problems };
  }
  return {
    ok: true,
    row: {
      name,
      idNumber: identity.idNumber,
      birthDate: identity.birthDate,
      sex: identity.sex,
      phone,
      township: optional('township'),
      addressLine: optional('addressLine'),
      householdNo: optional('householdNo'),
      tags,
    },
  };
}

const tagRank = (tag: string) => {
  const i = (RECORDED_TAGS as readonly string[]).indexOf(tag);
  return i === -1 ? RECORDED_TAGS.length : i;
};

/** The registry fields a roster row may change on a resident already registered. */
export interface RosterFields {
  name: string;
  phone: string | null;
  township: string | null;
  addressLine: string | null;
  householdNo: string | null;
  tags: readonly string[];
}

/**
 * What a roster row changes on an existing resident. The roster adds, it
 * does not erase: an empty cell keeps the registered value, and tags are
 * added to the recorded ones, never removed (a clinician's tag outlives a
 * roster that does not know it). Identity (ID number, birth date, sex) never
 * changes here.
 */
export function rosterChanges(current: RosterFields, row: RosterRow): { changes: Partial<RosterFields>; fields: Array<keyof RosterFields> } {
  const changes: Partial<RosterFields> = {};
  if (row.name !== current.name) changes.name = row.name;
  if (row.phone !== null && row.phone !== current.phone) changes.phone = row.phone;
  if (row.township !== null && row.township !== current.township) changes.township = row.township;
  if (row.addressLine !== null && row.addressLine !== current.addressLine) changes.addressLine = row.addressLine;
  if (row.householdNo !== null && row.householdNo !== current.householdNo) changes.householdNo = row.householdNo;
  if (row.tags !== null) {
    const before = new Set(current.tags);
    const merged = new Set([...before, ...row.tags]);
    if (merged.size !== before.size) changes.tags = [...merged].sort((a, b) => tagRank(a) - tagRank(b));
  }
  return { changes, fields: Object.keys(changes) as Array<keyof RosterFields> };
}

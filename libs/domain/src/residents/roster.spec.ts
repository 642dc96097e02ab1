import { idCheckCharacter } from '../identity/id-number';
import { InvalidValueError } from '../shared/domain-error';
import { parseRosterRow, RosterFields, rosterChanges, rosterLayout, RosterRow } from './roster';

const TODAY = '2026-11-22';
const id = (first17: string) => first17 + idCheckCharacter(first17);
const MAN = id('33078119800101001');
const WOMAN = id('33078119850202002');

const layout = rosterLayout(['name', 'idNumber', 'phone', 'township', 'addressLine', 'householdNo', 'tags']);
const parse = (cells: string[], l = layout) => parseRosterRow(cells, l, TODAY);
const problems = (cells: string[], l = layout) => {
  const r = parse(cells, l);
  return r.ok ? [] : r.problems;
};

describe('roster header (issue #3)', () => {
  it('maps English and Chinese headers, ignoring case, spaces, a BOM and required-field stars', () => {
    expect(rosterLayout(['\uFEFF姓名*', '身份证号码', ' Phone ', '乡镇（街道）', '现住址', '户号', '重点人群', '出生日期', '性别']).columns)
      .toEqual(['name', 'idNumber', 'phone', 'township', 'addressLine', 'householdNo', 'tags', 'birthDate', 'sex']);
  });

  it('ignores columns it does not know and lists them', () => {
    expect(rosterLayout(['序号', 'name', 'idNumber', '备注', ''])).toEqual({ columns: [null, 'name', 'idNumber', null, null], ignored: ['序号', '备注'] });
  });

  it('refuses a header without name or ID number, or naming a column twice', () => {
    expect(() => rosterLayout(['姓名', '手机号'])).toThrow(expect.objectContaining({ field: 'header', code: 'missing_column', params: { column: 'idNumber' } }));
    expect(() => rosterLayout(['身份证号'])).toThrow(expect.objectContaining({ code: 'missing_column', params: { column: 'name' } }));
    expect(() => rosterLayout(['name', '姓名', 'idNumber'])).toThrow(InvalidValueError);
  });
});

describe('roster rows use the registry rules (domain.md §7.1, §7.2)', () => {
  it('normalises a good row: ID upper-cased, phone digits, derived birth date and sex, tags', () => {
    const x = id('11010519491231002').toLowerCase();
    expect(parse(['  买买提.艾力 ', x, '+86 139-0000-1111', '城关镇', '解放路1号', 'H01', '高血压|copd'])).toEqual({
      ok: true,
      row: {
        name: '买买提·艾力', idNumber: '11010519491231002X', birthDate: '1949-12-31', sex: 'female', phone: '13900001111',
        township: '城关镇', addressLine: '解放路1号', householdNo: 'H01', tags: ['hypertension', 'copd'],
      },
    });
  });

  it('leaves optional empty cells null (they change nothing on an update)', () => {
    expect(parse(['张三', MAN, '', '', '', '', ''])).toMatchObject({ ok: true, row: { phone: null, township: null, tags: null } });
  });

  it('reports every problem of a bad row with the field', () => {
    expect(problems(['张3', MAN.slice(0, 17) + (MAN[17] === '0' ? '1' : '0'), '123', '', '', '', 'flying'])).toEqual([
      { field: 'name', code: 'name_format' },
      { field: 'idNumber', code: 'id_number_check_digit' },
      { field: 'phone', code: 'phone_format' },
      { field: 'tags', code: 'unknown_tag', params: { tag: 'flying' } },
    ]);
    expect(problems(['', '', '', '', '', '', ''])).toEqual([{ field: 'name', code: 'required' }, { field: 'idNumber', code: 'required' }]);
  });

  it('a row with the wrong number of cells is rejected whole (shifted columns would put data in the wrong fields)', () => {
    expect(problems(['张三', MAN])).toEqual([{ field: 'row', code: 'column_count', params: { expected: 7, actual: 2 } }]);
    expect(problems(['张三', MAN, '', '', '', '', '', 'extra'])).toEqual([{ field: 'row', code: 'column_count', params: { expected: 7, actual: 8 } }]);
  });

  it('rejects unreadable bytes (U+FFFD), control characters and over-long cells; a line break inside a cell becomes a space', () => {
    expect(problems(['张\uFFFD', MAN, '', '', '', '', ''])).toEqual([{ field: 'name', code: 'encoding_invalid' }]);
    expect(problems(['张三', MAN, '', '', 'a\u0000b', '', ''])).toEqual([{ field: 'addressLine', code: 'control_characters' }]);
    expect(problems(['张三', MAN, '', '', 'x'.repeat(201), '', ''])).toEqual([{ field: 'addressLine', code: 'too_long', params: { max: 200 } }]);
    expect(parse(['张三', MAN, '', '', '解放路1号\n3单元', '', ''])).toMatchObject({ ok: true, row: { addressLine: '解放路1号 3单元' } });
  });

  it('cross-checks birth date and sex columns against the ID number', () => {
    const full = rosterLayout(['name', 'idNumber', 'birthDate', 'sex']);
    expect(parse(['张三', MAN, '1980/1/1', '男'], full).ok).toBe(true);
    expect(parse(['张三', MAN, '19800101', 'M'], full).ok).toBe(true);
    expect(problems(['张三', MAN, '1980-01-02', '女'], full)).toEqual([
      { field: 'birthDate', code: 'birth_date_mismatch' }, { field: 'sex', code: 'sex_mismatch' },
    ]);
    expect(problems(['张三', MAN, '1980-02-30', '?'], full)).toEqual([{ field: 'birthDate', code: 'invalid_date' }, { field: 'sex', code: 'sex_format' }]);
  });

  it('refuses the pregnant tag on a man', () => {
    expect(problems(['张三', MAN, '', '', '', '', '孕产妇'])).toEqual([{ field: 'tags', code: 'tag_sex_mismatch', params: { tag: 'pregnant' } }]);
    expect(parse(['李四', WOMAN, '', '', '', '', '孕产妇']).ok).toBe(true);
  });
});

describe('what a roster row changes on a registered resident', () => {
  const current: RosterFields = { name: '张三', phone: '13800000001', township: '城关镇', addressLine: '一号', householdNo: 'H1', tags: ['copd'] };
  const row = (over: Partial<RosterRow>): RosterRow => ({
    name: '张三', idNumber: MAN, birthDate: '1980-01-01', sex: 'male', phone: null, township: null, addressLine: null, householdNo: null, tags: null, ...over,
  });

  it('nothing when the row says nothing new: empty cells keep the registered values', () => {
    expect(rosterChanges(current, row({}))).toEqual({ changes: {}, fields: [] });
    expect(rosterChanges(current, row({ phone: '13800000001', tags: ['copd'] }))).toEqual({ changes: {}, fields: [] });
  });

  it('a filled cell replaces the value', () => {
    expect(rosterChanges(current, row({ name: '张叁', phone: '13900000000', householdNo: 'H2' }))).toEqual({
      changes: { name: '张叁', phone: '13900000000', householdNo: 'H2' }, fields: ['name', 'phone', 'householdNo'],
    });
  });

  it('tags are added, never removed, in the standard order', () => {
    expect(rosterChanges(current, row({ tags: ['hypertension'] }))).toEqual({ changes: { tags: ['hypertension', 'copd'] }, fields: ['tags'] });
    expect(rosterChanges(current, row({ tags: [] })).fields).toEqual([]);
  });
});

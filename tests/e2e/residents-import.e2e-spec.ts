import { encode } from 'iconv-lite';
import { expectProblem, makeIdNumber } from '../fixtures/builders';
import { freshIdNumber, rosterCsv, withWrongCheck } from '../fixtures/residents';
import { startTestApp, TestApp } from '../fixtures/test-app';
import { buildWorld, World } from '../fixtures/world';

type ImportError = { line: number; field: string; code: string; reason: string };

describe('resident roster import (issue #3, domain.md §7.1-7.3)', () => {
  let t: TestApp;
  let w: World;
  let admin: string;

  const post = (token: string, body: string | Buffer, query = '', contentType = 'text/csv') =>
    t.http.post(`/api/v1/residents/import${query}`).set('authorization', token).set('content-type', contentType).send(body);
  const findById = async (idNumber: string) =>
    (await t.http.get(`/api/v1/residents?q=${idNumber}`).set('authorization', admin)).body.items as Array<Record<string, unknown>>;
  const lineCodes = (errors: ImportError[]) => errors.map((e) => [e.line, e.field, e.code]);

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
    admin = await w.as('countyAdminA');
  });
  afterAll(() => t.close());

  it('imports the good rows of a mixed file and reports every bad line with its field and reason', async () => {
    const good = [freshIdNumber(), freshIdNumber('female'), freshIdNumber()];
    const wrongCheck = withWrongCheck(freshIdNumber());
    const csv = rosterCsv([
      ['陈一', good[0], '138 0000 1001', '城关镇', '解放路1号', 'H001', 'hypertension|diabetes_t2'], // line 2
      ['陈二', wrongCheck, '', '', '', '', ''], // 3
      ['陈三', freshIdNumber(), '12345', '', '', '', ''], // 4 bad phone
      ['陈四', '330781' + '20230230' + '0011', '', '', '', '', ''], // 5 Feb 30 (check char irrelevant: date fails first)
      ['', freshIdNumber(), '', '', '', '', ''], // 6 no name
      ['陈六', freshIdNumber(), '', '', '', '', 'flying'], // 7 unknown tag
      ['陈七', freshIdNumber('male'), '', '', '', '', 'pregnant'], // 8 pregnant man
      ['陈八', good[1], '+86-139-0000-1002', '东乡镇', '"新村"2号,3单元', '', '高血压、孕产妇'], // 9 quoted cell with comma and quotes
      ['陈九', freshIdNumber()], // 10 too few cells
      ['陈十', good[2], '', '', '', '', ''], // 11
    ]) + '"陈十一,330781197001010011,,,,,\n陈十二,' + freshIdNumber() + ',,,,,\n';
    const res = await post(admin, csv);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ rows: 12, created: 4, updated: 0, unchanged: 0, rejected: 8, errorCount: 8, errorsTruncated: false, encoding: 'utf8' });
    expect(lineCodes(res.body.errors)).toEqual([
      [3, 'idNumber', 'id_number_check_digit'],
      [4, 'phone', 'phone_format'],
      [5, 'idNumber', 'id_number_birth_date'],
      [6, 'name', 'required'],
      [7, 'tags', 'unknown_tag'],
      [8, 'tags', 'tag_sex_mismatch'],
      [10, 'row', 'column_count'],
      [12, 'row', 'quote_not_closed'],
    ]);
    expect(res.body.errors[0].reason).toBe('身份证号校验位错误');
    expect(res.body.rowsPerSecond).toBeGreaterThan(0);

    // good rows are registered, masked in the list, with the tags the roster gave (Chinese labels read too)
    const [first] = await findById(good[0]);
    expect(first).toMatchObject({ name: '陈*', idNumber: `${good[0].slice(0, 6)}********${good[0].slice(-4)}`, phone: '138****1001', tags: ['hypertension', 'diabetes_t2'] });
    const detail = await t.http.get(`/api/v1/residents/${(await findById(good[1]))[0].id}`).set('authorization', await w.as('gpA1'));
    expect(detail.body).toMatchObject({ name: '陈八', sex: 'female', addressLine: '"新村"2号,3单元', tags: ['pregnant', 'hypertension'] });
    expect(await findById(good[2])).toHaveLength(1);
    // the last good row (after the broken quote) was kept as well
    expect(res.body.created).toBe(4);
  });

  it('upserts on re-import: identical rows are unchanged, changed rows updated (empty cells keep values, tags only added)', async () => {
    const ids = [freshIdNumber(), freshIdNumber(), freshIdNumber()];
    const rows = ids.map((id, i) => [`吴${'一二三'[i]}`, id, `1370000000${i}`, '城关镇', `河东路${i}号`, `H10${i}`, 'copd']);
    const first = await post(admin, rosterCsv(rows));
    expect(first.body).toMatchObject({ created: 3, updated: 0, unchanged: 0, rejected: 0 });
    const before = (await findById(ids[1]))[0];

    const again = await post(admin, rosterCsv(rows));
    expect(again.body).toMatchObject({ rows: 3, created: 0, updated: 0, unchanged: 3, rejected: 0 });

    const changed = rosterCsv([
      rows[0],
      ['吴二', ids[1], '13911112222', '', '', '', 'hypertension'],
      ['吴三改', ids[2], '', '', '', '', ''],
    ]);
    const third = await post(admin, changed);
    expect(third.body).toMatchObject({ created: 0, updated: 2, unchanged: 1 });
    const detail = await t.http.get(`/api/v1/residents/${before.id}?reveal=true&reason=verify_identity`).set('authorization', admin);
    expect(detail.body).toMatchObject({
      phone: '13911112222', township: '城关镇', householdNo: 'H101', tags: ['hypertension', 'copd'], version: (before.version as number) + 1,
    });
    // every change is audited per resident, with the fields changed (never the values) and the import as context
    const audit = await t.http.get(`/api/v1/audit-events?residentId=${before.id}`).set('authorization', await w.as('admin'));
    const update = audit.body.items.find((e: { action: string }) => e.action === 'update');
    expect(update).toMatchObject({ resourceType: 'resident', contextId: third.body.importId, detail: { via: 'roster_import', fields: ['phone', 'tags'] } });
    const imports = await t.http.get(`/api/v1/audit-events?actorId=${w.staff.countyAdminA}&limit=200`).set('authorization', await w.as('admin'));
    const importEvent = imports.body.items.find((e: { resourceId: string }) => e.resourceId === third.body.importId);
    expect(importEvent).toMatchObject({ action: 'import', resourceType: 'resident_roster', detail: { rows: 3, updated: 2, unchanged: 1 } });
  });

  it('reads a UTF-8 file with BOM, CRLF line ends and Chinese headers; extra columns are ignored', async () => {
    const id = freshIdNumber('female', 1988);
    const csv = '\uFEFF' + rosterCsv([['1', '郑小红', id, '13700001111', '女', '1988-' + id.slice(10, 12) + '-' + id.slice(12, 14), '孕产妇']],
      '序号,姓名,身份证号,手机号,性别,出生日期,人群标签', '\r\n');
    const res = await post(admin, Buffer.from(csv, 'utf8'));
    expect(res.body).toMatchObject({ created: 1, rejected: 0, encoding: 'utf8', ignoredColumns: ['序号'] });
    expect((await findById(id))[0]).toMatchObject({ name: '郑**', sex: 'female', tags: ['pregnant'] });
  });

  it('reads a GBK file (detected, or named with ?encoding=gbk), including rare characters and 买买提·艾力 names', async () => {
    const ids = [freshIdNumber(), freshIdNumber()];
    const csv = rosterCsv([['买买提·艾力', ids[0], '', '乌镇', '', '', '低保'], ['欧阳娜娜', ids[1], '', '', '', '', '']], '姓名,身份证号,手机号,乡镇,地址,户号,人群标签');
    const detected = await post(admin, encode(csv, 'gbk'));
    expect(detected.body).toMatchObject({ created: 2, rejected: 0, encoding: 'gb18030' });
    expect((await findById(ids[0]))[0]).toMatchObject({ name: '买**·**', township: '乌镇', tags: ['low_income'] });
    expect((await findById(ids[1]))[0]).toMatchObject({ name: '欧阳**' });

    const named = await post(admin, encode(csv, 'gbk'), '?encoding=gbk');
    expect(named.body).toMatchObject({ unchanged: 2, encoding: 'gb18030' });
    const charset = await post(admin, encode(csv, 'gbk'), '', 'text/csv; charset=GBK');
    expect(charset.body).toMatchObject({ unchanged: 2, encoding: 'gb18030' });
  });

  it('a GBK file read as UTF-8 fails on the unreadable bytes, never with mojibake in the registry', async () => {
    const id = freshIdNumber();
    const chineseHeader = rosterCsv([['钱多多', id, '', '', '', '', '']], '姓名,身份证号,手机号,乡镇,地址,户号,人群标签');
    const res = await post(admin, encode(chineseHeader, 'gbk'), '?encoding=utf8');
    expectProblem(res, 400, 'validation_failed');
    expect(res.body.errors[0]).toMatchObject({ field: 'header', code: 'missing_column' });

    const rows = await post(admin, encode(rosterCsv([['钱多多', id, '', '城关镇', '', '', '']]), 'gbk'), '?encoding=utf8');
    expect(rows.body).toMatchObject({ rows: 1, created: 0, rejected: 1 });
    expect(lineCodes(rows.body.errors)).toEqual([[2, 'name', 'encoding_invalid'], [2, 'township', 'encoding_invalid']]);
    expect(await findById(id)).toEqual([]);
  });

  it('rejects a row whose person is registered in another county; never moves people silently', async () => {
    const fresh = freshIdNumber();
    const res = await post(admin, rosterCsv([['赵六', w.idNumbers.B1, '', '', '', '', ''], ['孙七', fresh, '', '', '', '', '']]));
    expect(res.body).toMatchObject({ created: 1, rejected: 1 });
    expect(lineCodes(res.body.errors)).toEqual([[2, 'idNumber', 'resident_in_other_county']]);
    const b1 = await t.http.get(`/api/v1/residents/${w.residents.B1}`).set('authorization', await w.as('countyAdminB'));
    expect(b1.body).toMatchObject({ countyId: w.countyB, name: '赵*' });
  });

  it('a person listed twice: the later line wins', async () => {
    const id = freshIdNumber();
    const res = await post(admin, rosterCsv([['周一', id, '13600000001', '', '', '', ''], ['周一', id, '13600000002', '', '', '', '']]));
    expect(res.body).toMatchObject({ rows: 2, created: 1, updated: 1, rejected: 0 });
    const [row] = await findById(id);
    const detail = await t.http.get(`/api/v1/residents/${row.id}?reveal=true&reason=verify_identity`).set('authorization', admin);
    expect(detail.body).toMatchObject({ phone: '13600000002', version: 1 });
  });

  it('a legacy 15-digit ID number is upgraded to 18 (domain.md §7.1)', async () => {
    const eighteen = makeIdNumber('330781', '1950-03-04', 123);
    const legacy = eighteen.slice(0, 6) + eighteen.slice(8, 17);
    const res = await post(admin, rosterCsv([['冯老', legacy, '', '', '', '', '']]));
    expect(res.body).toMatchObject({ created: 1 });
    const [row] = await findById(eighteen);
    expect(row).toMatchObject({ birthDate: '1950-03-04', sex: 'male', tags: ['elderly_65'] });
  });

  it('writes more than one batch (1,000 rows per transaction) and keeps every row', async () => {
    const rows = Array.from({ length: 2_345 }, (_, i) => [`批量${'甲乙丙丁'[i % 4]}`, freshIdNumber(i % 2 ? 'male' : 'female', 1940 + (i % 60)), '', '', '', '', '']);
    const res = await post(admin, rosterCsv(rows));
    expect(res.body).toMatchObject({ rows: 2_345, created: 2_345, rejected: 0 });
  });

  it('answers 400 for a header without a required column, an empty file and an unknown encoding; 415 for JSON', async () => {
    const noId = await post(admin, '姓名,手机号\n张三,13800000000\n');
    expectProblem(noId, 400, 'validation_failed');
    expect(noId.body.errors[0]).toMatchObject({ field: 'header', code: 'missing_column' });
    expectProblem(await post(admin, ''), 400, 'validation_failed');
    const enc = await post(admin, rosterCsv([]), '?encoding=latin1');
    expectProblem(enc, 400, 'validation_failed');
    expect(enc.body.errors[0].field).toBe('encoding');
    expectProblem(await post(admin, JSON.stringify({ rows: [] }), '', 'application/json'), 415, 'unsupported_media_type');
  });

  it('goes through with an Idempotency-Key (the stream is not hashed; a re-import is an upsert)', async () => {
    const csv = rosterCsv([['何一', freshIdNumber(), '', '', '', '', '']]);
    const first = await post(admin, csv).set('idempotency-key', 'roster-1');
    expect(first.body).toMatchObject({ created: 1 });
    const second = await t.http.post('/api/v1/residents/import').set('authorization', admin).set('content-type', 'text/csv')
      .set('idempotency-key', 'roster-1').send(csv);
    expect(second.body).toMatchObject({ created: 0, unchanged: 1 });
  });

  it('access: county and institution admins of the county import; clinicians, desk, residents 403; another county 404', async () => {
    const csv = () => rosterCsv([['许一', freshIdNumber(), '', '', '', '', '']]);
    expect((await post(await w.as('instAdminA1'), csv())).body).toMatchObject({ created: 1, countyId: w.countyA });
    expect((await post(admin, csv(), `?countyId=${w.countyA}`)).status).toBe(200);
    expect((await post(admin, csv(), '?countyId=330781')).body).toMatchObject({ created: 1, countyId: w.countyA });
    expectProblem(await post(await w.as('countyAdminB'), csv(), '?countyId=330781'), 404, 'not_found');
    for (const who of ['gpA1', 'nurseA1', 'deskA', 'resA1', 'admin'] as const) {
      expectProblem(await post(await w.as(who), csv(), `?countyId=${w.countyA}`), 403, 'forbidden_role');
    }
    expectProblem(await post(await w.as('countyAdminB'), csv(), `?countyId=${w.countyA}`), 404, 'not_found');
    expectProblem(await post(admin, csv(), '?countyId=does-not-exist'), 404, 'not_found');
    expectProblem(await t.http.post('/api/v1/residents/import').set('content-type', 'text/csv').send(csv()), 401);
  });
});

/// <reference lib="dom" />
import type { Locator, Page } from 'playwright-core';
import { DEMO_PASSWORD, expectAccessible, PHONE, see, seeText, startWebApp, type WebApp } from '../fixtures/browser';

interface RoundDue { kind: string; nextDueDate: string | null }
interface Episode {
  id: string;
  status: string;
  version: number;
  resident: { name: string };
  startDate: string | null;
  admissionDiagnosis: { code: string; name: string } | null;
  closure: { outcome: string; closureDate: string; diagnosis: { code: string; name: string }; summary: string } | null;
  bedDays: number | null;
  linkedReferralId: string | null;
  allowedActions: string[];
  schedule: RoundDue[];
}
interface Referral {
  id: string;
  direction: string;
  status: string;
  urgency: string;
  kind: string;
  department: string | null;
  reason: string;
  summary: string;
  sourceSickbedId: string | null;
  toInstitution: { id: string; name: string };
  diagnoses: { code: string; name: string }[];
}

/**
 * Closing a household sickbed for a transfer to hospital (预撤床 with outcome transferred_to_hospital and the linked
 * up-referral, domain.md §4.2), and taking a closure back (取消撤床: closing → active, only while the closure is not
 * finalized; the linked referral stays).
 */
describe('web app: household sickbed closure to hospital and undoing a closure (GP, phone)', () => {
  let web: WebApp;
  let gp: string;
  /** The two active beds of 陈医生's team in the demo county (I69.3 the demo resident's, L89.3). */
  let strokeBed: string;
  let ulcerBed: string;
  /** 青溪县人民医院: the county hospital, with the referral desk. */
  let hospital: { id: string; name: string };

  const get = <T>(path: string, auth = gp): Promise<T> =>
    web.api.http.get(`/api/v1${path}`).set('authorization', auth).expect(200).then((r) => r.body as T);
  const post = (path: string, body: object) =>
    web.api.http.post(`/api/v1${path}`).set('authorization', gp).set('accept-language', 'zh-CN').send(body);

  /** A dialog is open once its zoom-in has ended (clicks during the animation land beside their target). */
  async function openDialog(p: Page, name: string) {
    const dialog = p.getByRole('dialog', { name });
    await see(dialog);
    await p.waitForFunction(() => !document.querySelector('.ant-zoom-appear, .ant-zoom-enter, .ant-zoom-leave'));
    return dialog;
  }

  /** Picks an option of an antd Select opened by its label, and waits for the option list to close. */
  async function pick(p: Page, scope: Locator, label: string, option: string) {
    await scope.getByLabel(label, { exact: true }).click();
    const item = p.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: option });
    await see(item);
    // the option list has finished sliding in (a click while it moves can miss)
    await p.waitForFunction(() => !document.querySelector('.ant-slide-up-appear, .ant-slide-up-enter, .ant-slide-up-leave'));
    await item.click();
    await p.waitForFunction(() => [...document.querySelectorAll('.ant-select-dropdown')].every((d) => d.classList.contains('ant-select-dropdown-hidden')));
  }

  async function page(username: string): Promise<Page> {
    const p = await (await web.context(PHONE)).newPage();
    await web.signIn(p, username);
    return p;
  }

  /** The status tag beside the episode's heading. */
  const statusTag = (p: Page, text: string) => p.locator('.ant-tag').filter({ hasText: new RegExp(`^${text}$`) });

  beforeAll(async () => {
    web = await startWebApp();
    gp = await web.api.login('gp.chen', DEMO_PASSWORD);
    const me = await get<{ scope: { teamId: string; countyId: string } }>('/me');
    const { items } = await get<{ items: Episode[] }>(`/sickbeds?teamId=${me.scope.teamId}&status=active`);
    strokeBed = items.find((s) => s.admissionDiagnosis?.code === 'I69.3')!.id;
    ulcerBed = items.find((s) => s.admissionDiagnosis?.code === 'L89.3')!.id;
    expect(strokeBed && ulcerBed).toBeTruthy();
    const institutions = await get<{ items: { id: string; name: string }[] }>(`/institutions?countyId=${me.scope.countyId}&limit=200`);
    hospital = institutions.items.find((i) => i.name === '青溪县人民医院')!;
    expect(hospital).toBeDefined();
  });
  afterAll(() => web.close());

  it('a GP records the closure of a bed as a transfer to hospital with the up-referral: the form asks for the referral first, then the bed is closing and the referral waits at the hospital', async () => {
    const referralsBefore = (await get<{ items: { id: string }[] }>('/referrals?limit=200')).items.map((r) => r.id);
    const p = await page('gp.chen');
    await p.goto(`/sickbeds/${strokeBed}`);
    await see(p.getByRole('heading', { name: '家庭病床 · 黄*' }));
    await see(statusTag(p, '在床'));
    await p.getByRole('button', { name: '预撤床' }).click();
    const close = await openDialog(p, '预撤床');
    // the referral is offered only for a transfer to hospital
    expect(await close.getByLabel('同时发起上转（转住院）').count()).toBe(0);
    await pick(p, close, '转归', '转院/转住院');
    await close.getByLabel('同时发起上转（转住院）').check();
    await see(close.getByLabel('接收医院', { exact: true }));

    // with the referral asked for, its hospital, reason and summary are required: nothing is sent without them
    await close.getByRole('button', { name: '确认预撤床' }).click();
    await see(close.getByText('请填写撤床小结'));
    await see(close.getByText('必填', { exact: true }));
    expect(await close.getByText('必填', { exact: true }).count()).toBe(3);
    expect(await get<Episode>(`/sickbeds/${strokeBed}`)).toMatchObject({ status: 'active', closure: null, linkedReferralId: null });

    await close.getByLabel('撤床诊断编码（ICD-10）').fill('I63.9');
    await close.getByLabel('撤床诊断名称').fill('脑梗死');
    await close.getByLabel('撤床小结').fill('建床第20天再发左侧肢体无力，转县医院住院治疗。');
    await close.getByLabel('撤床时情况').fill('左侧肢体肌力3级，言语含糊');
    await pick(p, close, '接收医院', '青溪县人民医院');
    await close.getByLabel('科室').fill('神经内科');
    // a suspected recurrent stroke: the green channel (危急), not merely 加急
    expect(await close.locator('.ant-radio-wrapper').allTextContents()).toEqual(['普通', '加急', '危急（绿色通道）']);
    await close.getByRole('radio', { name: '危急（绿色通道）' }).check();
    await close.getByLabel('转诊原因').fill('疑似再发脑梗死，需住院治疗');
    await close.getByLabel('病情摘要（给接收医院）').fill('脑梗死后遗症家床康复中，今晨左侧肢体无力加重，言语含糊。');
    await expectAccessible(p, 'record closure with referral');
    await close.getByRole('button', { name: '确认预撤床' }).click();
    await close.waitFor({ state: 'hidden' });

    // the screen: closing, the closure as recorded, the linked referral, no rounds due, undo and finalize offered
    await see(p.getByRole('heading', { name: '撤床记录' }));
    await see(statusTag(p, '预撤床'));
    await see(p.getByText('转院/转住院', { exact: true }));
    await see(p.getByText('脑梗死（I63.9）'));
    await see(p.getByText('建床第20天再发左侧肢体无力，转县医院住院治疗。'));
    await see(p.getByText('已关联上转单'));
    await see(p.getByRole('button', { name: '取消撤床' }));
    await see(p.getByRole('button', { name: /^撤\s*床$/ }));
    await see(p.getByRole('button', { name: '修改撤床记录' }));
    expect(await p.getByText('当前不排期').count()).toBe(2);
    await expectAccessible(p, 'sickbed closing (transfer)');

    // the API: closing with that outcome and diagnosis, the referral created and linked, up to the county hospital
    const closed = await get<Episode>(`/sickbeds/${strokeBed}`);
    expect(closed).toMatchObject({
      status: 'closing',
      closure: { outcome: 'transferred_to_hospital', diagnosis: { code: 'I63.9', name: '脑梗死' }, summary: '建床第20天再发左侧肢体无力，转县医院住院治疗。' },
      allowedActions: expect.arrayContaining(['undo_close', 'finalize']),
    });
    expect(closed.schedule.map((s) => s.nextDueDate)).toEqual([null, null]);
    // bed days: the opening day to the closure day, both counted (the closure dated today on the device)
    const days = (Date.parse(closed.closure!.closureDate) - Date.parse(closed.startDate!)) / 86_400_000 + 1;
    expect(closed.bedDays).toBe(days);
    await seeText(p.getByText('家床天数', { exact: true }).locator('xpath=..'), new RegExp(`^家床天数\\s*${days}$`));
    const referralId = closed.linkedReferralId!;
    expect(referralId).toEqual(expect.any(String));
    expect(referralsBefore).not.toContain(referralId);
    const referral = await get<Referral & { referralNo: string }>(`/referrals/${referralId}`);
    // the linked referral as a link to it, by its number and state
    const linked = p.getByRole('link', { name: `${referral.referralNo} · 待受理` });
    await see(linked);
    expect(await linked.getAttribute('href')).toBe(`/clinic/referrals/${referralId}`);
    expect(referral).toMatchObject({
      direction: 'up', status: 'submitted', urgency: 'emergent', kind: 'inpatient', department: '神经内科', sourceSickbedId: strokeBed,
      toInstitution: { id: hospital.id, name: '青溪县人民医院' }, diagnoses: [{ code: 'I63.9', name: '脑梗死' }],
      reason: '疑似再发脑梗死，需住院治疗', summary: '脑梗死后遗症家床康复中，今晨左侧肢体无力加重，言语含糊。',
    });
    // exactly one referral was made
    const referralsAfter = (await get<{ items: { id: string }[] }>('/referrals?limit=200')).items.map((r) => r.id);
    expect(referralsAfter.filter((id) => !referralsBefore.includes(id))).toEqual([referralId]);
    // the hospital's referral desk has it
    const desk = await web.api.login('desk.liu', DEMO_PASSWORD);
    expect(await get<Referral>(`/referrals/${referralId}`, desk)).toMatchObject({ status: 'submitted', sourceSickbedId: strokeBed });

    // and the GP's referral screen, reached by that link, shows it waiting for the hospital
    await linked.click();
    await p.waitForURL(`**/clinic/referrals/${referralId}`);
    await seeText(p.getByTestId('referral-status'), '待受理');
    await see(p.getByText('I63.9 脑梗死'));
    await seeText(p.getByTestId('referral-urgency'), '危急（绿色通道）');
    await see(p.getByText('住院转诊'));
    await expectAccessible(p, 'linked referral');
  });

  it('a GP undoes a recorded closure: the bed is active again with rounds due, the linked referral stays; once finalized the closure can no longer be undone', async () => {
    // recorded on another device: a transfer closure with its referral
    const bed = await get<Episode>(`/sickbeds/${ulcerBed}`);
    const recorded = await post(`/sickbeds/${ulcerBed}/close`, {
      version: bed.version, closureDate: new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' }), outcome: 'transferred_to_hospital',
      closureDiagnosis: { code: 'L89.3', name: '压力性溃疡' }, summary: '压疮创面感染，拟转县医院。',
      referral: { toInstitutionId: hospital.id, urgency: 'routine', reason: '压疮感染需清创', diagnoses: [{ code: 'L89.3', name: '压力性溃疡' }], summary: '骶尾部压疮4期，渗液增多。' },
    });
    expect(recorded.status).toBe(200);
    const referralId = recorded.body.linkedReferralId as string;
    expect(referralId).toEqual(expect.any(String));

    const p = await page('gp.chen');
    await p.goto(`/sickbeds/${ulcerBed}`);
    await see(p.getByRole('heading', { name: `家庭病床 · ${bed.resident.name}` }));
    await see(statusTag(p, '预撤床'));
    await see(p.getByRole('heading', { name: '撤床记录' }));
    await see(p.getByText('压疮创面感染，拟转县医院。'));
    expect(await p.getByText('当前不排期').count()).toBe(2);

    await p.getByRole('button', { name: '取消撤床' }).click();
    await see(p.getByText('取消撤床？病床回到在床状态，查床重新到期。'));
    await expectAccessible(p, 'undo closure confirm');
    await p.getByRole('button', { name: /^确\s*认$/ }).click();

    // the screen: active again, no closure record, rounds due again, the bed can be closed again (not undone twice)
    await see(statusTag(p, '在床'));
    await p.getByRole('heading', { name: '撤床记录' }).waitFor({ state: 'detached' });
    await see(p.getByRole('button', { name: '预撤床' }));
    await see(p.getByRole('button', { name: '开医嘱' }));
    expect(await p.getByRole('button', { name: '取消撤床' }).count()).toBe(0);
    expect(await p.getByRole('button', { name: /^撤\s*床$/ }).count()).toBe(0);
    expect(await p.getByText('压疮创面感染，拟转县医院。').count()).toBe(0);
    expect(await p.getByText('当前不排期').count()).toBe(0);
    // the referral the closure started goes on, and the episode still names it
    const kept = await get<{ referralNo: string }>(`/referrals/${referralId}`);
    await see(p.getByRole('link', { name: `${kept.referralNo} · 待受理` }));

    // the API: active, the closure cleared, rounds due again; the linked referral is kept, still waiting at the hospital
    const undone = await get<Episode>(`/sickbeds/${ulcerBed}`);
    expect(undone).toMatchObject({ status: 'active', closure: null, bedDays: null, linkedReferralId: referralId, version: recorded.body.version + 1 });
    expect(undone.allowedActions).toContain('close');
    expect(undone.allowedActions).not.toContain('undo_close');
    expect(undone.schedule).toHaveLength(2);
    for (const due of undone.schedule) {
      expect(due.nextDueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      await see(p.getByText(`下次 ${due.nextDueDate}`));
    }
    expect(await get<Referral>(`/referrals/${referralId}`)).toMatchObject({ status: 'submitted', sourceSickbedId: ulcerBed });
    await expectAccessible(p, 'sickbed active after undo');

    // the window ends with the finalization: closed again and finalized, the screen no longer offers the undo and the API refuses it
    const again = await post(`/sickbeds/${ulcerBed}/close`, {
      version: undone.version, closureDate: new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' }), outcome: 'improved',
      closureDiagnosis: { code: 'L89.3', name: '压力性溃疡' }, summary: '清创换药后创面好转。',
    });
    expect(again.status).toBe(200);
    const finalized = await post(`/sickbeds/${ulcerBed}/finalize`, { version: again.body.version });
    expect(finalized.status).toBe(200);
    await p.reload();
    await see(statusTag(p, '已撤床'));
    await see(p.getByText('清创换药后创面好转。'));
    expect(await p.getByRole('button', { name: '取消撤床' }).count()).toBe(0);
    const refused = await post(`/sickbeds/${ulcerBed}/undo-close`, { version: finalized.body.version });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'illegal_transition', allowedActions: [] });
    expect(await get<Episode>(`/sickbeds/${ulcerBed}`)).toMatchObject({ status: 'closed', closure: { outcome: 'improved' } });
  });
});

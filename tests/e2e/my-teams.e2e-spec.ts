import { expectProblem, fieldsOf } from '../fixtures/builders';
import { startTestApp, TestApp } from '../fixtures/test-app';
import { buildWorld, World } from '../fixtures/world';

/**
 * GET /me/teams (docs/domain.md "Applying online"): the active teams of the
 * resident's own county, as a resident sees a team, to apply to sign with.
 */
describe('GET /me/teams: the teams a resident may apply to', () => {
  let t: TestApp;
  let w: World;
  let closedTeam: string;

  const teams = async (who: string, query = '') => t.http.get(`/api/v1/me/teams${query}`).set('authorization', await w.as(who as never));
  const names = (res: { body: { items: Array<{ teamName: string }> } }) => res.body.items.map((x) => x.teamName).sort();

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
    const admin = await w.as('admin');
    await t.http.patch(`/api/v1/teams/${w.teamA1}`).set('authorization', admin).send({ servicePhone: '0570-8881234' }).expect(200);
    await t.http.post(`/api/v1/teams/${w.teamA1}/members`).set('authorization', admin).send({ userId: w.staff.gpA1, memberRole: 'gp_lead' }).expect(201);
    closedTeam = (await t.http.post('/api/v1/teams').set('authorization', admin).send({ institutionId: w.townA2, name: '东乡2组' }).expect(201)).body.id;
    await t.dataSource.query(`UPDATE gp_teams SET status = 'inactive' WHERE id = '${closedTeam}'`);
  });
  afterAll(() => t.close());

  it('residents only: staff of every role 403 (they use GET /teams), no token 401', async () => {
    for (const who of ['gpA1', 'nurseA1', 'deskA', 'instAdminA1', 'countyAdminA', 'admin']) expectProblem(await teams(who), 403, 'forbidden_role');
    expectProblem(await t.http.get('/api/v1/me/teams'), 401);
  });

  it('the active teams of the resident\'s own county, with institution, service phone and the lead GP\'s display name only', async () => {
    const res = await teams('resA1');
    expect(res.status).toBe(200);
    expect(names(res)).toEqual(['东乡1组', '城关1组']);
    const a1 = res.body.items.find((x: { teamId: string }) => x.teamId === w.teamA1);
    expect(a1).toEqual({
      teamId: w.teamA1, teamName: '城关1组', servicePhone: '0570-8881234', institutionId: w.townA1, institutionName: '城关镇卫生院', gpName: 'gpA1',
    });
    expect(res.body.items.find((x: { teamId: string }) => x.teamId === w.teamA2).gpName).toBeNull();
    // another county's resident sees that county's teams
    expect(names(await teams('resB1'))).toEqual(['西镇1组']);
  });

  it('q finds a team by part of its own or its institution\'s name; LIKE wildcards are plain characters', async () => {
    expect(names(await teams('resA1', `?q=${encodeURIComponent('城关')}`))).toEqual(['城关1组']);
    expect(names(await teams('resA1', `?q=${encodeURIComponent('东乡镇')}`))).toEqual(['东乡1组']);
    expect(names(await teams('resA1', `?q=${encodeURIComponent('西镇')}`))).toEqual([]);
    expect(names(await teams('resA1', `?q=${encodeURIComponent('%')}`))).toEqual([]);
    expect(names(await teams('resA1', '?q=_'))).toEqual([]);
  });

  it('pages by cursor without repeating a team', async () => {
    const first = await teams('resA1', '?limit=1');
    expect(first.body.items).toHaveLength(1);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await teams('resA1', `?limit=1&cursor=${encodeURIComponent(first.body.nextCursor)}`);
    expect(second.body.items).toHaveLength(1);
    expect(second.body.items[0].teamId).not.toBe(first.body.items[0].teamId);
    expect(second.body.nextCursor).toBeNull();
  });

  it('bad queries: 400 naming the field', async () => {
    for (const [query, field] of [['?q=%20%20', 'q'], [`?q=${'长'.repeat(33)}`, 'q'], ['?limit=0', 'limit'], ['?teamId=x', 'teamId'], ['?cursor=@@', 'cursor']]) {
      const res = await teams('resA1', query);
      expectProblem(res, 400, 'validation_failed');
      expect(fieldsOf(res)).toEqual([field]);
    }
  });
});

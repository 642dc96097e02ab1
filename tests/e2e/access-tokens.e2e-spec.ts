import { JwtService } from '@nestjs/jwt';
import { startTestApp, TestApp } from '../fixtures/test-app';
import { buildWorld, World } from '../fixtures/world';

/**
 * An access token is only good with every claim the API issues: a token
 * without `exp` would never expire (jsonwebtoken checks `exp` only when it is
 * there), and one without `sub` or `sid` names no session to check.
 */
describe('access tokens must carry exp, sub and sid', () => {
  let t: TestApp;
  let w: World;
  let claims: { sub: string; sid: string; role: string };
  let signer: JwtService;

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
    const issued = (await w.as('gpA1')).replace(/^Bearer /, '');
    const decoded = new JwtService().decode<{ sub: string; sid: string; role: string }>(issued);
    claims = { sub: decoded.sub, sid: decoded.sid, role: decoded.role };
    // Signed with the API's own secret: only the claims differ from a real token.
    signer = new JwtService({ secret: t.settings.jwtSecret });
  });
  afterAll(() => t.close());

  const me = (token: string) => t.http.get('/api/v1/me').set('authorization', `Bearer ${token}`);

  it('the same claims with exp are accepted (the forgery below differs only by the missing claim)', async () => {
    expect((await me(await signer.signAsync(claims, { expiresIn: 300, algorithm: 'HS256' }))).status).toBe(200);
  });

  it('a token without exp is refused with 401', async () => {
    const forever = await signer.signAsync(claims, { algorithm: 'HS256' });
    expect(new JwtService().decode<{ exp?: number }>(forever).exp).toBeUndefined();
    const res = await me(forever);
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.code).toBe('token_invalid');
  });

  it('a token without sub or sid, or with them of the wrong type, is refused with 401', async () => {
    const { sub, sid, role } = claims;
    for (const payload of [{ sid, role }, { sub, role }, { sub: 1, sid, role }, { sub, sid: [sid], role }]) {
      expect((await me(await signer.signAsync(payload, { expiresIn: 300, algorithm: 'HS256' }))).status).toBe(401);
    }
  });

  it('an expired token and one signed with another secret are refused with 401', async () => {
    const past = Math.floor(Date.now() / 1000) - 60;
    expect((await me(await signer.signAsync({ ...claims, exp: past }, { algorithm: 'HS256' }))).status).toBe(401);
    const stranger = new JwtService({ secret: 'another-secret-another-secret-another-1' });
    expect((await me(await stranger.signAsync(claims, { expiresIn: 300, algorithm: 'HS256' }))).status).toBe(401);
  });
});

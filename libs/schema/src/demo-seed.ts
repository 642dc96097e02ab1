import { Injectable, Logger } from '@nestjs/common';
import { UsersService } from '@countycare/auth';
import { Clock, DemoContext, FieldCipher, isUniqueViolation, newId } from '@countycare/common';
import { TransactionRunner } from '@countycare/database';
import { addDays, idCheckCharacter, InstitutionLevel, Role } from '@countycare/domain';
import { County, GpTeam, Institution, TeamMember } from '@countycare/organizations';
import { Resident } from '@countycare/residents';
import { EntityManager } from 'typeorm';
import { DEMO_SEEDERS } from './demo-seeders';

export const DEMO_PASSWORD = 'CountyCare#2026';
export const DEMO_COUNTY_CODE = '330799';

/** Illustrative inpatient deductibles per level (yuan) so the continuous-deductible estimate shows numbers; not real tariffs. */
const DEMO_DEDUCTIBLES: Partial<Record<InstitutionLevel, number>> = {
  village_clinic: 200, township_center: 300, county_hospital: 800, city_hospital: 1000, provincial_hospital: 1200,
};

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '罗', '欧阳'];
const GIVEN = ['伟', '芳', '娜', '秀英', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀兰', '霞', '平', '刚', '桂英', '建华'];

/** A deterministic pseudo-random sequence, so every fresh demo database looks the same. */
function sequence(seed: number) {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648;
  };
}

/**
 * The demo county of the embedded default (issue #2): a county hospital with
 * a referral desk, two township centres, four village clinics, three GP
 * teams, staff of every role, 200 residents; then each bounded context adds
 * its own records (packages and contracts, sickbeds, referrals).
 */
@Injectable()
export class DemoSeed {
  private readonly logger = new Logger('DemoSeed');

  constructor(
    private readonly tx: TransactionRunner,
    private readonly users: UsersService,
    private readonly cipher: FieldCipher,
    private readonly clock: Clock,
  ) {}

  async seedIfEmpty(): Promise<boolean> {
    if ((await this.tx.dataSource.getRepository(County).count()) > 0) return false;
    try {
      await this.tx.run(async (em) => {
        const ctx = await this.seedCounty(em);
        for (const seeder of DEMO_SEEDERS) await seeder(em, ctx);
      });
    } catch (e) {
      // Two API replicas started together on an empty database: the other one seeded it (its transaction won the
      // county code's unique index, ours rolled back whole).
      if (isUniqueViolation(e) && (await this.tx.dataSource.getRepository(County).countBy({ code: DEMO_COUNTY_CODE })) > 0) return false;
      throw e;
    }
    this.logger.log(`seeded the demo county ${DEMO_COUNTY_CODE}; sign in as gp.chen / ${DEMO_PASSWORD}`);
    return true;
  }

  private async seedCounty(em: EntityManager): Promise<DemoContext> {
    const county = em.create(County, {
      id: newId(), code: DEMO_COUNTY_CODE, name: '青溪县（演示）', policy: { insurance: { chainWindowDays: 3, deductibleByLevel: DEMO_DEDUCTIBLES } },
    });
    await em.save(County, county);
    const institution = async (name: string, level: InstitutionLevel, parentId: string | null, hasReferralDesk = false) => {
      const row = em.create(Institution, { id: newId(), countyId: county.id, name, code: null, level, hasReferralDesk, parentId, active: true });
      await em.save(Institution, row);
      return row.id;
    };
    const hospital = await institution('青溪县人民医院', 'county_hospital', null, true);
    const chengguan = await institution('城关镇卫生院', 'township_center', hospital);
    const shimen = await institution('石门镇卫生院', 'township_center', hospital);
    const villages = [
      await institution('城关镇东村卫生室', 'village_clinic', chengguan),
      await institution('城关镇西村卫生室', 'village_clinic', chengguan),
      await institution('石门镇上村卫生室', 'village_clinic', shimen),
      await institution('石门镇下村卫生室', 'village_clinic', shimen),
    ];

    const user = (username: string, displayName: string, role: Role, institutionId: string | null, teamId: string | null = null) =>
      this.users.create(em, { username, password: DEMO_PASSWORD, role, displayName, countyId: county.id, institutionId, teamId });
    await user('county.admin', '县卫健局管理员', 'county_admin', null);
    await user('inst.admin', '城关镇卫生院管理员', 'institution_admin', chengguan);
    const desk = await user('desk.liu', '刘（转诊服务岗）', 'referral_desk', hospital);
    const hospitalGp = await user('doctor.he', '何医生（县医院）', 'gp', hospital);

    const teams: DemoContext['teams'] = [];
    for (const [name, institutionId, gpName, gpUser, nurseName, nurseUser] of [
      ['城关1组', chengguan, '陈医生', 'gp.chen', '李护士', 'nurse.li'],
      ['城关2组', chengguan, '王医生', 'gp.wang', '赵护士', 'nurse.zhao'],
      ['石门1组', shimen, '孙医生', 'gp.sun', '周护士', 'nurse.zhou'],
    ] as const) {
      const team = em.create(GpTeam, { id: newId(), countyId: county.id, institutionId, name, leadUserId: null, status: 'active' });
      await em.save(GpTeam, team);
      const gp = await user(gpUser, gpName, 'gp', institutionId, team.id);
      const nurse = await user(nurseUser, nurseName, 'nurse', institutionId, team.id);
      await em.update(GpTeam, { id: team.id }, { leadUserId: gp.id });
      const joinedAt = this.clock.now();
      await em.insert(TeamMember, [
        { id: newId(), teamId: team.id, userId: gp.id, memberRole: 'gp_lead', joinedAt, leftAt: null },
        { id: newId(), teamId: team.id, userId: nurse.id, memberRole: 'nurse', joinedAt, leftAt: null },
      ]);
      teams.push({ id: team.id, institutionId, gpUserId: gp.id, nurseUserId: nurse.id });
    }

    const residentIds = await this.seedResidents(em, county.id);
    await this.users.create(em, {
      username: 'resident', password: DEMO_PASSWORD, role: 'resident', displayName: '居民演示账号', countyId: county.id, residentId: residentIds[0],
    });
    return {
      countyId: county.id, today: this.clock.today(), now: this.clock.now(), hospitalId: hospital, townshipIds: [chengguan, shimen],
      villageIds: villages, teams, deskUserId: desk.id, hospitalGpUserId: hospitalGp.id, residentIds, demoResidentId: residentIds[0],
    };
  }

  private async seedResidents(em: EntityManager, countyId: string): Promise<string[]> {
    const random = sequence(20261124);
    const today = this.clock.today();
    const rows: Resident[] = [];
    for (let i = 0; i < 200; i++) {
      const r = random();
      const age = r < 0.3 ? 65 + Math.floor(random() * 25) : r < 0.4 ? Math.floor(random() * 7) : 18 + Math.floor(random() * 47);
      const birthDate = addDays(today, -Math.floor(age * 365.25) - Math.floor(random() * 300));
      const male = i % 2 === 0;
      const first17 = `330799${birthDate.replace(/-/g, '')}${String(100 + 2 * (i % 400) + (male ? 1 : 0)).slice(-3)}`;
      const idNumber = first17 + idCheckCharacter(first17);
      const phone = age >= 18 ? `13${5 + (i % 5)}${String(10000000 + i * 7919).slice(-8)}` : null;
      const tags: string[] = [];
      if (age >= 35 && random() < 0.35) tags.push('hypertension');
      if (age >= 35 && random() < 0.15) tags.push('diabetes_t2');
      if (!male && age >= 20 && age <= 40 && random() < 0.15) tags.push('pregnant');
      if (age >= 60 && random() < 0.05) tags.push('disabled');
      const name = SURNAMES[Math.floor(random() * SURNAMES.length)] + GIVEN[Math.floor(random() * GIVEN.length)];
      rows.push(em.create(Resident, {
        id: newId(), countyId, name, idNumberHash: this.cipher.blindIndex('id', idNumber), idNumberEnc: this.cipher.encrypt(idNumber),
        phoneHash: phone ? this.cipher.blindIndex('phone', phone) : null, phoneEnc: phone ? this.cipher.encrypt(phone) : null,
        birthDate, sex: male ? 'male' : 'female', township: i % 3 === 2 ? '石门镇' : '城关镇',
        addressLine: `${i % 3 === 2 ? '石门' : '城关'}镇${['东', '西', '上', '下'][i % 4]}村${1 + (i % 40)}号`, householdNo: `H${String(1000 + Math.floor(i / 3))}`,
        tags, status: 'active',
      }));
    }
    for (let i = 0; i < rows.length; i += 50) await em.save(Resident, rows.slice(i, i + 50));
    return rows.map((r) => r.id);
  }
}

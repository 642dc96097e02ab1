import { Injectable } from '@nestjs/common';
import { UsersService } from '@countycare/auth';
import { Actor, mapPage, Page, ProblemException } from '@countycare/common';
import { OrganizationsService } from '@countycare/organizations';
import { CareTeamView } from './http/views';

/**
 * GET /me/teams: the teams of the resident's county they may apply to sign
 * with, as residents see a team (name, service phone, institution, the lead
 * GP's display name) and never a staff member's account or personal data.
 * Not audited: it shows nothing of any resident.
 */
@Injectable()
export class CareTeamDirectory {
  constructor(
    private readonly orgs: OrganizationsService,
    private readonly users: UsersService,
  ) {}

  async forResident(actor: Actor, query: { q?: string; limit?: number; cursor?: string }): Promise<Page<CareTeamView>> {
    if (!actor.residentId || !actor.countyId) throw ProblemException.forbidden();
    const page = await this.orgs.activeTeamsOfCounty(actor.countyId, query);
    const [institutions, leads] = await Promise.all([
      this.orgs.findInstitutions([...new Set(page.items.map((t) => t.institutionId))]),
      this.users.findByIds([...new Set(page.items.flatMap((t) => (t.leadUserId ? [t.leadUserId] : [])))]),
    ]);
    const institutionName = new Map(institutions.map((i) => [i.id, i.name]));
    const leadName = new Map(leads.map((u) => [u.id, u.displayName]));
    return mapPage(page, (t) => ({
      teamId: t.id, teamName: t.name, servicePhone: t.servicePhone ?? null, institutionId: t.institutionId,
      institutionName: institutionName.get(t.institutionId) ?? '', gpName: t.leadUserId ? leadName.get(t.leadUserId) ?? null : null,
    }));
  }
}

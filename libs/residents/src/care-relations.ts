import { Injectable } from '@nestjs/common';

/**
 * Who is looking after a resident right now, as the contexts that know it
 * report: the team of their open contract and of their open sickbed, the
 * responsible clinicians of that sickbed, the institutions working a live
 * referral of theirs. The policy's `reveal` rules are written on these
 * (domain.md §7.3: full numbers for the care team and the desk handling the
 * resident).
 */
export interface CareRelations {
  careTeamIds: string[];
  careUserIds: string[];
  referralInstitutionIds: string[];
}

/** The resident's county leads every index the sources read. */
export type CareRelationsSource = (resident: { id: string; countyId: string }) => Promise<Partial<CareRelations>>;

/** Contexts that residents may not import (they depend on it) register what they know here. */
@Injectable()
export class ResidentCareRelations {
  private readonly sources: CareRelationsSource[] = [];

  register(source: CareRelationsSource): void {
    this.sources.push(source);
  }

  async of(resident: { id: string; countyId: string }): Promise<CareRelations> {
    const parts = await Promise.all(this.sources.map((source) => source(resident)));
    const all = (key: keyof CareRelations) => [...new Set(parts.flatMap((p) => p[key] ?? []))];
    return { careTeamIds: all('careTeamIds'), careUserIds: all('careUserIds'), referralInstitutionIds: all('referralInstitutionIds') };
  }
}

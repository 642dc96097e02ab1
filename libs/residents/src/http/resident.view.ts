import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ageOn, CalendarDate, Disclosure, maskIdNumber, maskName, maskPhone, populationTags, SENSITIVE_TAGS,
} from '@countycare/domain';
import { Resident } from '../resident.entity';

export class ResidentView {
  @ApiProperty() id: string;
  @ApiProperty() countyId: string;
  @ApiProperty({ example: '张*', description: 'Masked (surname kept) unless the caller\'s role needs the full name' }) name: string;
  @ApiProperty({ example: '330781********0016', description: 'First 6 and last 4 unless revealed (?reveal=true, audited)' }) idNumber: string;
  @ApiPropertyOptional({ nullable: true, type: String, example: '138****1111' }) phone: string | null;
  @ApiProperty({ example: '1980-01-01' }) birthDate: string;
  @ApiProperty() age: number;
  @ApiProperty({ enum: ['male', 'female'] }) sex: string;
  @ApiPropertyOptional({ nullable: true, type: String }) township: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Only for the care team' }) addressLine: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) householdNo: string | null;
  @ApiProperty({ type: [String], description: 'Recorded and derived key-population tags' }) tags: string[];
  @ApiProperty({ enum: ['active', 'moved_out', 'deceased'] }) status: string;
  @ApiProperty({ description: 'True when some fields are masked' }) masked: boolean;
  @ApiProperty() version: number;
}

/** The resident as the caller may see it: decrypted numbers pass through masking here and nowhere else. */
export function residentView(
  r: Resident,
  plain: { idNumber: string; phone: string | null },
  d: Disclosure,
  today: CalendarDate,
): ResidentView {
  const tags = populationTags(r.tags ?? [], r.birthDate, today).filter((t) => d.sensitiveTags || !SENSITIVE_TAGS.includes(t));
  return {
    id: r.id,
    countyId: r.countyId,
    name: d.fullName ? r.name : maskName(r.name),
    idNumber: d.fullIdNumber ? plain.idNumber : maskIdNumber(plain.idNumber),
    phone: plain.phone === null ? null : d.fullPhone ? plain.phone : maskPhone(plain.phone),
    birthDate: r.birthDate,
    age: ageOn(r.birthDate, today),
    sex: r.sex,
    township: r.township,
    addressLine: d.fullAddress ? r.addressLine : null,
    householdNo: r.householdNo,
    tags,
    status: r.status,
    masked: !(d.fullName && d.fullIdNumber && d.fullPhone && d.fullAddress),
    version: r.version,
  };
}

/** A resident's masked name, sex and age, for embedding in contract, sickbed and referral views. */
export class ResidentBrief {
  @ApiProperty() id: string;
  @ApiProperty({ example: '张*' }) name: string;
  @ApiProperty({ enum: ['male', 'female'] }) sex: string;
  @ApiProperty() age: number;
}

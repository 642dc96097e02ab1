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
  @ApiProperty({ type: 'integer', description: 'Age in completed years, today in the county\'s time zone' }) age: number;
  @ApiProperty({ enum: ['male', 'female'] }) sex: string;
  @ApiPropertyOptional({ nullable: true, type: String }) township: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Only for the care team' }) addressLine: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) householdNo: string | null;
  @ApiProperty({ type: [String], description: 'Recorded and derived key-population tags' }) tags: string[];
  @ApiProperty({ enum: ['active', 'moved_out', 'deceased'] }) status: string;
  @ApiProperty({ description: 'True when this answer holds less than the record: some value is masked or withheld (see maskedFields)' })
  masked: boolean;
  @ApiProperty({
    enum: ['name', 'idNumber', 'phone', 'addressLine', 'tags'], isArray: true,
    description: 'The fields whose value here is masked or withheld; empty when everything recorded is shown in full',
  })
  maskedFields: string[];
  @ApiProperty({ type: 'integer' }) version: number;
}

/** The resident as the caller may see it: decrypted numbers pass through masking here and nowhere else. */
export function residentView(
  r: Resident,
  plain: { idNumber: string; phone: string | null },
  d: Disclosure,
  today: CalendarDate,
): ResidentView {
  const allTags = populationTags(r.tags ?? [], r.birthDate, today);
  const tags = allTags.filter((t) => d.sensitiveTags || !SENSITIVE_TAGS.includes(t));
  const name = d.fullName ? r.name : maskName(r.name);
  const idNumber = d.fullIdNumber ? plain.idNumber : maskIdNumber(plain.idNumber);
  const phone = plain.phone === null ? null : d.fullPhone ? plain.phone : maskPhone(plain.phone);
  const addressLine = d.fullAddress ? r.addressLine : null;
  // what was actually held back, not what might have been: a missing phone is not a masked one
  const maskedFields = [
    name !== r.name && 'name', idNumber !== plain.idNumber && 'idNumber', phone !== plain.phone && 'phone',
    addressLine !== r.addressLine && 'addressLine', tags.length !== allTags.length && 'tags',
  ].filter((f): f is string => !!f);
  return {
    id: r.id,
    countyId: r.countyId,
    name,
    idNumber,
    phone,
    birthDate: r.birthDate,
    age: ageOn(r.birthDate, today),
    sex: r.sex,
    township: r.township,
    addressLine,
    householdNo: r.householdNo,
    tags,
    status: r.status,
    masked: maskedFields.length > 0,
    maskedFields,
    version: r.version,
  };
}

/** A resident's masked name, sex and age, for embedding in contract, sickbed and referral views. */
export class ResidentBrief {
  @ApiProperty() id: string;
  @ApiProperty({ example: '张*' }) name: string;
  @ApiProperty({ enum: ['male', 'female'] }) sex: string;
  @ApiProperty({ type: 'integer', description: 'Age in completed years, today in the county\'s time zone' }) age: number;
}

/** The brief of a resident embedded in other views: masked name, sex, age on `today`. */
export function residentBrief(r: Pick<Resident, 'id' | 'name' | 'sex' | 'birthDate'>, today: CalendarDate): ResidentBrief {
  return { id: r.id, name: maskName(r.name), sex: r.sex, age: ageOn(r.birthDate, today) };
}

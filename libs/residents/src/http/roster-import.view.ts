import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { fieldMessage, Locale } from '@countycare/common';
import { RosterImportReport } from '../import/roster-import.service';

export class RosterImportErrorView {
  @ApiProperty({ type: 'integer', description: 'Line of the file where the row starts (the header is line 1)' }) line: number;
  @ApiProperty({ example: 'idNumber', description: 'Column (API field name), or "row" for the row as a whole' }) field: string;
  @ApiProperty({ example: 'id_number_check_digit' }) code: string;
  @ApiProperty({ example: '身份证号校验位错误', description: 'The reason in the caller\'s language (Accept-Language)' }) reason: string;
}

export class RosterImportReportView {
  @ApiProperty({ description: 'Id of this import; audit events of the rows it wrote carry it as contextId' }) importId: string;
  @ApiProperty() countyId: string;
  @ApiPropertyOptional({ enum: ['utf8', 'gb18030'], nullable: true, type: String }) encoding: string | null;
  @ApiProperty({ type: 'integer', description: 'Data rows read = created + updated + unchanged + rejected' }) rows: number;
  @ApiProperty({ type: 'integer' }) created: number;
  @ApiProperty({ type: 'integer', description: 'Registered residents the roster changed (empty cells keep values; tags are only added)' }) updated: number;
  @ApiProperty({ type: 'integer', description: 'Registered residents the roster matched exactly' }) unchanged: number;
  @ApiProperty({ type: 'integer' }) rejected: number;
  @ApiProperty({ type: [RosterImportErrorView], description: 'The first 1,000 problems, in file order' }) errors: RosterImportErrorView[];
  @ApiProperty({ type: 'integer', description: 'All problems found' }) errorCount: number;
  @ApiProperty() errorsTruncated: boolean;
  @ApiProperty({ type: [String], description: 'Header cells that name no roster column (ignored)' }) ignoredColumns: string[];
  @ApiProperty({ type: 'integer' }) durationMs: number;
  @ApiProperty({ type: 'integer', description: 'Rounded to a whole number' }) rowsPerSecond: number;
}

/** The report with each problem's reason in the caller's language. */
export function rosterImportReportView(report: RosterImportReport, locale: Locale): RosterImportReportView {
  return {
    ...report,
    errors: report.errors.map((e) => ({ line: e.line, field: e.field, code: e.code, reason: fieldMessage(e.code, locale, e.params ?? {}, e.code) })),
  };
}

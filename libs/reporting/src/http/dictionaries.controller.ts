import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@countycare/auth';
import { ApiProblems, dictionaries, Dictionary } from '@countycare/common';

@ApiTags('dictionaries')
@Controller('dictionaries')
export class DictionariesController {
  @Public()
  @Get()
  @ApiOperation({ summary: 'Chinese and English labels of every enum code the API uses (public, cacheable)' })
  @ApiProblems(429)
  @ApiOkResponse({
    schema: {
      type: 'object',
      additionalProperties: { type: 'object', additionalProperties: { type: 'object', properties: { 'zh-CN': { type: 'string' }, en: { type: 'string' } } } },
      example: { institution_level: { village_clinic: { 'zh-CN': '村卫生室', en: 'Village clinic' } } },
    },
  })
  list(): Record<string, Dictionary> {
    return dictionaries();
  }
}

import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor } from '@countycare/auth';
import { Actor, ApiIdempotent, ApiPage, ApiProblems, Page } from '@countycare/common';
import type { FastifyReply } from 'fastify';
import { CreateServicePackageDto, ServicePackageQueryDto } from '../dto/packages.dto';
import { ServicePackagesService } from '../service-packages.service';
import { ServicePackageView } from './views';

@ApiTags('contracts')
@ApiBearerAuth()
@Controller('service-packages')
export class ServicePackagesController {
  constructor(private readonly packages: ServicePackagesService) {}

  @Post()
  @ApiOperation({ summary: 'Create a basic or personalized package for the county (county or institution admin)' })
  @ApiIdempotent()
  @ApiCreatedResponse({ type: ServicePackageView })
  @ApiProblems(400, 401, 403, 404, 409)
  async create(@CurrentActor() actor: Actor, @Body() dto: CreateServicePackageDto, @Res({ passthrough: true }) reply: FastifyReply) {
    const view = await this.packages.create(actor, dto);
    reply.header('location', `/api/v1/service-packages/${view.id}`);
    return view;
  }

  @Get()
  @ApiOperation({ summary: 'Packages of the caller\'s county (staff and residents)' })
  @ApiPage(ServicePackageView)
  @ApiProblems(400, 401, 403)
  list(@CurrentActor() actor: Actor, @Query() query: ServicePackageQueryDto): Promise<Page<ServicePackageView>> {
    return this.packages.list(actor, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One service package with its items' })
  @ApiOkResponse({ type: ServicePackageView })
  @ApiProblems(401, 403, 404)
  get(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<ServicePackageView> {
    return this.packages.get(actor, id);
  }
}

import { Body, Controller, Get, NotFoundException, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { CurrentUser, ROLES, Roles, type Principal } from '@estafette/auth';
import { FindOrganisations } from '../application/find-organisations.js';
import { RegisterOrganisation, type Actor } from '../application/register-organisation.js';
import { OrganisationAuditRecord } from '../persistence/organisation-audit.entity.js';
import { LookupQuery, OrganisationNameDto, OrganisationQuery, RegisterOrganisationDto } from './organisation.dto.js';

const actor = (user: Principal): Actor => ({ subject: user.subject, role: user.role });

/** The register, kept by ops: register with a code, rename, deactivate, reactivate, search, and who did what. */
@ApiTags('organisations')
@Controller('organisations')
export class OrganisationsController {
  constructor(
    private readonly register: RegisterOrganisation,
    private readonly find: FindOrganisations,
    @InjectRepository(OrganisationAuditRecord) private readonly audit: Repository<OrganisationAuditRecord>,
  ) {}

  @Post()
  @Roles('ops')
  @ApiOperation({
    summary: 'Register a school (BRIN), care provider (AGB) or W&I department (GM code or OIN). 409 when the code is taken.',
  })
  create(@Body() body: RegisterOrganisationDto, @CurrentUser() user: Principal) {
    return this.register.register(body, actor(user));
  }

  @Get()
  @Roles('ops')
  @ApiOperation({ summary: 'Registered organisations by name; `q` searches name, code and id.' })
  list(@Query() query: OrganisationQuery) {
    return this.find.search({ ...query, active: query.active === undefined ? undefined : query.active === 'true' });
  }

  @Get(':id')
  @Roles(...ROLES)
  @ApiOperation({ summary: 'One organisation id: registered, or a built-in municipality or RMC region. Any signed-in caller.' })
  async get(@Param('id') id: string) {
    const [organisation] = await this.find.resolve([id]);
    if (!organisation) throw new NotFoundException(`the organisation directory knows no ${id}`);
    return organisation;
  }

  @Patch(':id')
  @Roles('ops')
  rename(@Param('id') id: string, @Body() body: OrganisationNameDto, @CurrentUser() user: Principal) {
    return this.register.rename(id, body.name, actor(user));
  }

  @Post(':id/deactivation')
  @Roles('ops')
  @ApiOperation({ summary: 'It receives no new overdracht; its name stays for what happened before.' })
  deactivate(@Param('id') id: string, @CurrentUser() user: Principal) {
    return this.register.deactivate(id, actor(user));
  }

  @Post(':id/activation')
  @Roles('ops')
  activate(@Param('id') id: string, @CurrentUser() user: Principal) {
    return this.register.activate(id, actor(user));
  }

  @Get(':id/audit')
  @Roles('ops')
  @ApiOperation({ summary: 'Who registered or changed this organisation, when, before and after; oldest first.' })
  async history(@Param('id') id: string) {
    const rows = await this.audit.find({ where: { organisationId: id }, order: { id: 'ASC' } });
    return {
      items: rows.map(({ action, actorSubject, actorRole, before, after, at }) => ({ action, actorSubject, actorRole, before, after, at })),
    };
  }
}

/** Many ids at once, for every service that validates a receiver or shows names: any signed-in caller. */
@ApiTags('organisations')
@Controller('lookup')
export class LookupController {
  constructor(private readonly find: FindOrganisations) {}

  @Get()
  @Roles(...ROLES)
  @ApiOperation({ summary: 'What each id is (kind, code, name, active); `unknown` lists the ids the directory does not know.' })
  async lookup(@Query() query: LookupQuery) {
    const ids = [...new Set(query.ids.split(','))];
    const items = await this.find.resolve(ids);
    const known = new Set(items.map((o) => o.id));
    return { items, unknown: ids.filter((id) => !known.has(id)) };
  }
}

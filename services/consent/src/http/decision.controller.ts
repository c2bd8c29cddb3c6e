import { Body, Controller, ForbiddenException, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type Principal } from '@estafette/auth';
import { DecideSharing } from '../application/decide-sharing.js';
import { DecisionRequestDto } from './decision-request.dto.js';

/**
 * The roles of organisations that hold content and must ask before sharing it, and the service role: a
 * service hosting many organisations of one kind (the school service) asks for whichever of them holds the record.
 */
export const HOLDER_ROLES = [
  'school-system',
  'school-staff',
  'rmc-consulent',
  'rmc-coordinator',
  'wi-consulent',
  'zorg-consulent',
  'service',
] as const;

/** Only the holder asks about its own data (otherwise anyone could probe someone's consents); a service for any organisation of its kind. */
export function mayAskFor(caller: Principal, from: { organisationType: string; id: string }): boolean {
  if (caller.role === 'service') return caller.organisationType === from.organisationType;
  return caller.organisationId === from.id && caller.organisationType === from.organisationType;
}

@ApiTags('decisions')
@Controller('decisions')
export class DecisionController {
  constructor(private readonly decideSharing: DecideSharing) {}

  @Post()
  @HttpCode(200)
  @Roles(...HOLDER_ROLES)
  @ApiOperation({
    summary:
      'May `from` share these categories about `subject` with `to` for `purpose`? permit/deny, the rule or consent that decided, the level allowed. Audited.',
  })
  async decide(@Body() body: DecisionRequestDto, @CurrentUser() caller: Principal) {
    if (!mayAskFor(caller, body.from)) {
      throw new ForbiddenException('only the holder of the data (from), or a service hosting its kind of organisation, may ask');
    }
    const { from, to, subject, dataCategories, purpose, level } = body;
    return this.decideSharing.execute(
      { from: { ...from }, to: { ...to }, subject, dataCategories, purpose, level },
      { subject: caller.subject, organisationId: caller.organisationId },
    );
  }
}

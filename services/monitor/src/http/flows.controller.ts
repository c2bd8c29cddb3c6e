import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@estafette/auth';
import { ServiceCalendar } from '@estafette/service-kit';
import { ConsumerLag } from '../application/consumer-lag.js';
import { Deadlines } from '../application/deadlines.js';
import { FlowFigures } from '../application/flow-figures.js';
import { SteeringFigures } from '../application/steering-figures.js';
import { SteeringQuery, WindowQuery } from './monitor.queries.js';

@ApiTags('flows')
@Controller()
@Roles('ops')
export class FlowsController {
  constructor(
    private readonly flows: FlowFigures,
    private readonly lag: ConsumerLag,
    private readonly steering: SteeringFigures,
    private readonly deadlines: Deadlines,
    private readonly calendar: ServiceCalendar,
  ) {}

  @Get('flows')
  @ApiOperation({ summary: 'Events per type and route (sender kind -> receiver kind) with end-to-end latency.' })
  async flowFigures(@Query() query: WindowQuery) {
    const { from, to } = query.window(this.calendar.now());
    return { from: from.toISOString(), to: to.toISOString(), items: await this.flows.figures(from, to) };
  }

  @Get('consumer-lag')
  @ApiOperation({ summary: 'Per consumer group and topic: records not yet committed (from the Kafka admin API).' })
  async consumerLag() {
    return { items: await this.lag.measure() };
  }

  @Get('deadlines')
  @ApiOperation({
    summary: 'Open offers by answer deadline, missed first contacts in the window, and the baton invariant; counts per organisation kind.',
  })
  async deadlineFigures(@Query() query: WindowQuery) {
    const now = this.calendar.now();
    const { from, to } = query.window(now);
    const [openOffers, missedFirstContacts, buitenBeeld, baton] = await Promise.all([
      this.deadlines.openOffers(now),
      this.deadlines.missedFirstContacts(from, to),
      this.deadlines.buitenBeeld(from, to),
      this.deadlines.baton(this.calendar.today()),
    ]);
    return { from: from.toISOString(), to: to.toISOString(), openOffers, missedFirstContacts, buitenBeeld, baton };
  }

  @Get('steering')
  @ApiOperation({ summary: 'Anonymous steering figures per area and period; every cell under 10 reads "<10".' })
  async steeringFigures(@Query() query: SteeringQuery) {
    const { from, to } = query.window(this.calendar.now(), 366);
    return {
      by: query.by,
      period: query.period,
      from: from.toISOString(),
      to: to.toISOString(),
      rows: await this.steering.figures(query.by, query.period, from, to),
    };
  }
}

import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type Principal } from '@estafette/auth';
import { DeadLetters } from '../application/dead-letters.js';
import { DeadLetterListQuery, ReplayAllQuery } from './monitor.queries.js';

@ApiTags('dead letters')
@Controller('dead-letters')
@Roles('ops')
export class DeadLettersController {
  constructor(private readonly deadLetters: DeadLetters) {}

  @Get()
  @ApiOperation({ summary: 'Dead letters, newest first, paged; where, when and why, never whom.' })
  list(@Query() query: DeadLetterListQuery) {
    return this.deadLetters.list(query.page, query.pageSize, query.topic);
  }

  // Declared before :id so "replay-all" is never read as an id.
  @Post('replay-all')
  @HttpCode(200)
  @ApiOperation({ summary: 'Replays every dead letter not replayed yet (optionally of one topic) to its original topic.' })
  replayAll(@Query() query: ReplayAllQuery, @CurrentUser() user: Principal) {
    return this.deadLetters.replayAll(user.subject, query.topic);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One dead letter: headers (pseudonym redacted), reason and replay log.' })
  inspect(@Param('id', ParseUUIDPipe) id: string) {
    return this.deadLetters.inspect(id);
  }

  @Post(':id/replay')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sends the record unchanged to its original topic and writes an audit line.' })
  replay(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user: Principal) {
    return this.deadLetters.replay(id, user.subject);
  }
}

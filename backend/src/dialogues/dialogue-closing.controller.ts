import { Body, Controller, Get, Header, HttpCode, Param, ParseIntPipe, Post, Query, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Access } from '../common/access';
import { ApiProblems } from '../common/api-docs';
import { AuthUser, CurrentLab, CurrentUser, LabAccess } from '../common/request-context';
import { DialogueClosingService } from './dialogue-closing.service';
import { JOINER_COOKIE } from './dialogues.controller';
import { DialoguesService } from './dialogues.service';
import { DialogueDto } from './dto/dialogue.dto';
import {
  CloseDialogueDto,
  ClosingPreviewDto,
  DialogueExportDto,
  DialogueExportQueryDto,
  DialogueOriginListDto,
  DialogueReturnDto,
  ReturnLinkDto,
} from './dto/dialogue-closing.dto';

const LINK_HEADER = 'x-tafel-token';

/** Closing a table and what it wrote into the lab; the table's export; a phone's personal link back. */
@ApiTags('dialogues')
@Controller()
export class DialogueClosingController {
  constructor(
    private readonly closing: DialogueClosingService,
    private readonly dialogues: DialoguesService,
  ) {}

  @Get('dialogues/:id/closing')
  @Access.labRoles(['coordinator', 'partner'], 'dialogues')
  @ApiOperation({ summary: 'What closing the table could write into the lab, with counts, for the facilitator' })
  @ApiProblems(400, 401, 403, 404)
  @ApiResponse({ status: 200, type: ClosingPreviewDto })
  preview(@CurrentLab() lab: LabAccess, @Param('id', ParseIntPipe) id: number): Promise<ClosingPreviewDto> {
    return this.closing.preview(lab, id);
  }

  @Post('dialogues/:id/close')
  @HttpCode(200)
  @Access.labRoles(['coordinator', 'partner'], 'dialogues')
  @ApiOperation({
    summary:
      'Close the table and write what was chosen into the lab, in one transaction; it becomes read-only and its ' +
      'join code stops working. Closing again answers 409 `dialogue_closed`',
  })
  @ApiProblems(400, 401, 403, 404, 409)
  @ApiResponse({ status: 200, type: DialogueDto })
  close(
    @CurrentLab() lab: LabAccess,
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: CloseDialogueDto,
  ): Promise<DialogueDto> {
    return this.closing.close(lab, user, id, body);
  }

  @Get('dialogues/:id/export')
  @Access.labRoles(['coordinator', 'partner'], 'dialogues')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary:
      "The table's notes with prompt, state, reason, cluster, dots per group, votes, tags, consent and author, and " +
      'the moderation log (JSON); the notes alone as CSV',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiProblems(400, 401, 403, 404)
  @ApiResponse({ status: 200, type: DialogueExportDto })
  async export(
    @Param('id', ParseIntPipe) id: number,
    @Query() query: DialogueExportQueryDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<DialogueExportDto | string> {
    if (query.format === 'csv') {
      const body = await this.closing.exportCsv(id);
      response.setHeader('Content-Type', 'text/csv; charset=utf-8');
      response.setHeader('Content-Disposition', `attachment; filename="tafel-${id}.csv"`);
      return body;
    }
    response.setHeader('Content-Disposition', `attachment; filename="tafel-${id}.json"`);
    return this.closing.exportOf(id);
  }

  @Get('labs/:labId/dialogue-outcomes')
  @Access.labRoles(['coordinator', 'partner'])
  @ApiOperation({
    summary: "Which of the lab's records came from a table (question, stories, learnings, cycles, participants)",
  })
  @ApiProblems(401, 403, 404)
  @ApiResponse({ status: 200, type: DialogueOriginListDto })
  origins(@CurrentLab() lab: LabAccess): Promise<DialogueOriginListDto> {
    return this.closing.origins(lab.labId);
  }

  @Post('dialogue-joiners/me/link')
  @HttpCode(200)
  @Access.public()
  @ApiOperation({
    summary:
      "Make this phone's personal link to what came of the table (by its token cookie); it only reads, and works " +
      'for 90 days. Making it again replaces the earlier one',
  })
  @ApiProblems(404)
  @ApiResponse({ status: 200, type: ReturnLinkDto })
  async link(@Req() request: Request): Promise<ReturnLinkDto> {
    const cookies = (request as Request & { cookies?: Record<string, string> }).cookies;
    return this.closing.makeReturnLink(await this.dialogues.joiner(cookies?.[JOINER_COOKIE]));
  }

  @Get('dialogue-links/me')
  @Access.public()
  @ApiOperation({ summary: 'What came of the table, by a personal link (its token in the `x-tafel-token` header)' })
  @ApiHeader({ name: LINK_HEADER, required: true })
  @ApiProblems(404)
  @ApiResponse({ status: 200, type: DialogueReturnDto })
  returnView(@Req() request: Request): Promise<DialogueReturnDto> {
    return this.closing.returnView(request.header(LINK_HEADER));
  }
}

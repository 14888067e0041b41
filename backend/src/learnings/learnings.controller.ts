import { Body, Controller, Get, Header, Param, ParseIntPipe, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Access } from '../common/access';
import { ApiProblems } from '../common/api-docs';
import { toCsv } from '../common/csv';
import { AuthUser, CurrentLab, CurrentUser, LabAccess } from '../common/request-context';
import { LabsService } from '../labs/labs.service';
import {
  CreateLearningDto,
  LearningDto,
  LearningListDto,
  RoundLearningListDto,
  LearningSummaryDto,
  LibraryDto,
  LibraryQueryDto,
  PublishDto,
  ThemeOverviewDto,
  UpdateLearningDto,
} from './dto/learning.dto';
import { LearningsService } from './learnings.service';

@ApiTags('learnings')
@Controller()
export class LearningsController {
  constructor(
    private readonly learnings: LearningsService,
    private readonly labs: LabsService,
  ) {}

  @Get('labs/:labId/learnings')
  @Access.labRead()
  @ApiOperation({ summary: "The lab's learnings (drafts too, for its coordinators and partners)" })
  @ApiResponse({ status: 200, type: LearningListDto })
  @ApiProblems(400, 404)
  listForLab(@CurrentLab() lab: LabAccess, @CurrentUser() user: AuthUser | null): Promise<LearningListDto> {
    return this.learnings.listForLab(lab, user);
  }

  @Get('rounds/:id/learnings')
  @Access.labRoles(['coordinator', 'partner', 'resident', 'observer'], 'rounds')
  @ApiOperation({ summary: "The lab's learnings made from this round (drafts only for its coordinators and partners)" })
  @ApiResponse({ status: 200, type: RoundLearningListDto })
  @ApiProblems(400, 401, 403, 404)
  ofRound(@CurrentLab() lab: LabAccess, @Param('id', ParseIntPipe) id: number): Promise<RoundLearningListDto> {
    return this.learnings.ofRound(lab, id);
  }

  @Post('labs/:labId/learnings')
  @Access.labRoles(['coordinator'])
  @ApiOperation({ summary: 'Write a learning with its evidence trail (it stays a draft until published)' })
  @ApiResponse({ status: 201, type: LearningDto })
  @ApiProblems(400, 401, 403, 404)
  create(
    @CurrentLab() lab: LabAccess,
    @CurrentUser() user: AuthUser,
    @Body() body: CreateLearningDto,
  ): Promise<LearningDto> {
    return this.learnings.create(lab, user, body);
  }

  @Get('learnings/:id')
  @Access.public()
  @ApiOperation({
    summary: 'A learning with its evidence trail (public evidence only, unless you are in its lab team)',
  })
  @ApiResponse({ status: 200, type: LearningDto })
  @ApiProblems(400, 404)
  get(@CurrentUser() user: AuthUser | null, @Param('id', ParseIntPipe) id: number): Promise<LearningDto> {
    return this.learnings.get(user, id);
  }

  @Patch('learnings/:id')
  @Access.labRoles(['coordinator'], 'learnings')
  @ApiOperation({
    summary: "Change a learning, its evidence or contradictions, or confirm its maturity (the lab's coordinators)",
  })
  @ApiResponse({ status: 200, type: LearningDto })
  @ApiProblems(400, 401, 403, 404, 409)
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: UpdateLearningDto,
  ): Promise<LearningDto> {
    return this.learnings.update(user, id, body);
  }

  @Post('learnings/:id/publish')
  @Access.labRoles(['coordinator'], 'learnings')
  @ApiOperation({ summary: 'Publish: the learning enters the public library (with public evidence only)' })
  @ApiResponse({ status: 201, type: LearningDto })
  @ApiProblems(400, 401, 403, 404, 409)
  publish(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: PublishDto,
  ): Promise<LearningDto> {
    return this.learnings.setPublished(user, id, body.version, true);
  }

  @Post('learnings/:id/unpublish')
  @Access.labRoles(['coordinator'], 'learnings')
  @ApiOperation({ summary: 'Take a learning out of the public library' })
  @ApiResponse({ status: 201, type: LearningDto })
  @ApiProblems(400, 401, 403, 404, 409)
  unpublish(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: PublishDto,
  ): Promise<LearningDto> {
    return this.learnings.setPublished(user, id, body.version, false);
  }

  @Get('library')
  @Access.public()
  @ApiOperation({ summary: 'The public library: full-text search with filters, by relevance or date' })
  @ApiResponse({ status: 200, type: LibraryDto })
  @ApiProblems(400)
  library(@Query() query: LibraryQueryDto): Promise<LibraryDto> {
    return this.learnings.library(query);
  }

  @Get('library/themes/:theme')
  @Access.public()
  @ApiOperation({
    summary:
      'What works on a theme: working ingredients, pitfalls, open questions and advice across labs, ' +
      'and where they were seen',
  })
  @ApiResponse({ status: 200, type: ThemeOverviewDto })
  theme(@Param('theme') theme: string): Promise<ThemeOverviewDto> {
    return this.learnings.theme(theme.slice(0, 60));
  }

  @Get('open-data/learnings.json')
  @Access.public()
  @Header('Cache-Control', 'public, max-age=300')
  @ApiOperation({ summary: 'Open data: all public learnings (format in docs/data-formats.md)' })
  @ApiResponse({ status: 200, type: [LearningSummaryDto] })
  async learningsJson(): Promise<{ format: string; generatedAt: string; learnings: LearningSummaryDto[] }> {
    return {
      format: 'living-lab-learnings/1',
      generatedAt: new Date().toISOString(),
      learnings: await this.learnings.openLearnings(),
    };
  }

  @Get('open-data/learnings.csv')
  @Access.public()
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'Open data: all public learnings as CSV' })
  @ApiResponse({ status: 200, content: { 'text/csv': { schema: { type: 'string' } } } })
  async learningsCsv(@Res({ passthrough: true }) response: Response): Promise<string> {
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    const rows = (await this.learnings.openLearnings()).map((l) => ({
      ...l,
      labs: l.labs.map((x) => x.name),
      municipalities: [...new Set(l.labs.map((x) => x.municipality))],
    }));
    return toCsv(
      ['id', 'title', 'type', 'themes', 'maturity', 'publishedAt', 'labs', 'municipalities', 'snippet'],
      rows,
    );
  }

  @Get('open-data/labs.json')
  @Access.public()
  @Header('Cache-Control', 'public, max-age=300')
  @ApiOperation({ summary: 'Open data: summaries of all public labs' })
  @ApiResponse({ status: 200, schema: { type: 'object' } })
  async labsJson(): Promise<object> {
    return { format: 'living-lab-labs/1', generatedAt: new Date().toISOString(), labs: await this.publicLabs() };
  }

  @Get('open-data/labs.csv')
  @Access.public()
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'Open data: summaries of all public labs as CSV' })
  @ApiResponse({ status: 200, content: { 'text/csv': { schema: { type: 'string' } } } })
  async labsCsv(@Res({ passthrough: true }) response: Response): Promise<string> {
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    return toCsv(
      ['id', 'slug', 'name', 'question', 'aim', 'municipality', 'neighbourhood', 'themes', 'status', 'scale'],
      await this.publicLabs(),
    );
  }

  private async publicLabs() {
    const items = [];
    for (let offset = 0; ; offset += 200) {
      const page = await this.labs.list(null, { limit: 200, offset });
      items.push(...page.items.map(({ myRole, visibility, ...lab }) => (void myRole, void visibility, lab)));
      if (page.items.length < 200) return items;
    }
  }
}

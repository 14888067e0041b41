import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseIntPipe,
  Patch,
  Post,
  Put,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiProduces, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Access } from '../common/access';
import { ApiProblems } from '../common/api-docs';
import { AppConfig } from '../config/app-config';
import { AuthUser, CurrentLab, CurrentUser, LabAccess } from '../common/request-context';
import { DialoguesService, type Viewer } from './dialogues.service';
import {
  ClusterCreatedDto,
  ClusterDto,
  CreateDialogueDto,
  DialogueDto,
  DialogueEventListDto,
  DialogueListDto,
  DialogueStepDto,
  JoinDialogueDto,
  DotsDto,
  JoinerDialogueDto,
  MergeNoteDto,
  ModerateNoteDto,
  NoteClusterDto,
  NoteDto,
  PostNoteDto,
  TagDto,
  TakeOnDto,
  UpdateDialogueDto,
  VoteDto,
} from './dto/dialogue.dto';

/** The httpOnly cookie that lets a phone post again (or the header, for clients without cookies). */
export const JOINER_COOKIE = 'tafel';
const JOINER_HEADER = 'x-tafel-token';
const HEARTBEAT_MS = 20_000;

const tokenOf = (request: Request): string | undefined =>
  (request.header(JOINER_HEADER) ||
    (request as Request & { cookies?: Record<string, string> }).cookies?.[JOINER_COOKIE]) ??
  undefined;

/** Where a stream continues: `Last-Event-ID` (sent by EventSource on reconnecting) or `after`; else from the start. */
const resumeFrom = (request: Request, after?: string): number => {
  const raw = request.header('last-event-id') ?? after ?? '0';
  const n = Number(raw);
  return Number.isSafeInteger(n) && n > 0 ? n : 0;
};

@ApiTags('dialogues')
@Controller()
export class DialoguesController {
  constructor(
    private readonly dialogues: DialoguesService,
    private readonly config: AppConfig,
  ) {}

  @Post('labs/:labId/dialogues')
  @Access.labRoles(['coordinator', 'partner'])
  @ApiOperation({
    summary: 'Open a live dialogue (tafel) for the lab, optionally tied to a cycle; gives its join code',
  })
  @ApiProblems(400, 401, 403, 404)
  @ApiResponse({ status: 201, type: DialogueDto })
  open(
    @CurrentLab() lab: LabAccess,
    @CurrentUser() user: AuthUser,
    @Body() body: CreateDialogueDto,
  ): Promise<DialogueDto> {
    return this.dialogues.open(lab, user, body);
  }

  @Get('labs/:labId/dialogues')
  @Access.labRoles(['coordinator', 'partner'])
  @ApiOperation({ summary: "The lab's dialogues, newest first" })
  @ApiProblems(401, 403, 404)
  @ApiResponse({ status: 200, type: DialogueListDto })
  list(@CurrentLab() lab: LabAccess): Promise<DialogueListDto> {
    return this.dialogues.list(lab.labId);
  }

  @Get('dialogues/:id')
  @Access.labRoles(['coordinator', 'partner'], 'dialogues')
  @ApiOperation({ summary: 'A dialogue for its facilitator and projector: join code, step, how many joined' })
  @ApiProblems(400, 401, 403, 404)
  @ApiResponse({ status: 200, type: DialogueDto })
  get(@Param('id', ParseIntPipe) id: number): Promise<DialogueDto> {
    return this.dialogues.get(id);
  }

  @Post('dialogues/:id/step')
  @HttpCode(200)
  @Access.labRoles(['coordinator', 'partner'], 'dialogues')
  @ApiOperation({ summary: 'Move the dialogue to a step of its script' })
  @ApiProblems(400, 401, 403, 404, 409)
  @ApiResponse({ status: 200, type: DialogueDto })
  step(
    @CurrentLab() lab: LabAccess,
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: DialogueStepDto,
  ): Promise<DialogueDto> {
    return this.dialogues.setStep(lab, user, id, body.step);
  }

  @Patch('dialogues/:id')
  @Access.labRoles(['coordinator', 'partner'], 'dialogues')
  @ApiOperation({ summary: 'Change the title, the moderation (moderated or open), the script of steps or the dots' })
  @ApiProblems(400, 401, 403, 404, 409)
  @ApiResponse({ status: 200, type: DialogueDto })
  update(
    @CurrentLab() lab: LabAccess,
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: UpdateDialogueDto,
  ): Promise<DialogueDto> {
    return this.dialogues.update(lab, user, id, body);
  }

  @Post('dialogues/:id/notes')
  @HttpCode(200)
  @Access.labRoles(['coordinator', 'partner'], 'dialogues')
  @ApiOperation({ summary: 'Post a note as the facilitator (a question drafted aloud, a case); shown at once' })
  @ApiProblems(400, 401, 403, 404, 409)
  @ApiResponse({ status: 200, type: NoteDto })
  postNote(
    @CurrentLab() lab: LabAccess,
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: PostNoteDto,
  ): Promise<NoteDto> {
    return this.dialogues.postAsFacilitator(lab, user, id, body);
  }

  @Post('dialogues/:id/notes/:noteId/merge')
  @HttpCode(204)
  @Access.labRoles(['coordinator', 'partner'], 'dialogues')
  @ApiOperation({ summary: 'Fold a duplicate into another note, with a reason its author sees' })
  @ApiProblems(400, 401, 403, 404, 409)
  @ApiResponse({ status: 204 })
  async merge(
    @CurrentLab() lab: LabAccess,
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIntPipe) id: number,
    @Param('noteId', ParseIntPipe) noteId: number,
    @Body() body: MergeNoteDto,
  ): Promise<void> {
    await this.dialogues.merge(lab, user, id, noteId, body);
  }

  @Post('dialogues/:id/notes/:noteId/cluster')
  @HttpCode(204)
  @Access.labRoles(['coordinator', 'partner'], 'dialogues')
  @ApiOperation({ summary: 'Put a note in a cluster, or take it out (`clusterId: null`)' })
  @ApiProblems(400, 401, 403, 404, 409)
  @ApiResponse({ status: 204 })
  async placeNote(
    @CurrentLab() lab: LabAccess,
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIntPipe) id: number,
    @Param('noteId', ParseIntPipe) noteId: number,
    @Body() body: NoteClusterDto,
  ): Promise<void> {
    await this.dialogues.placeInCluster(lab, user, id, noteId, body.clusterId ?? null);
  }

  @Post('dialogues/:id/clusters')
  @Access.labRoles(['coordinator', 'partner'], 'dialogues')
  @ApiOperation({ summary: 'Make a cluster of notes with a label' })
  @ApiProblems(400, 401, 403, 404, 409)
  @ApiResponse({ status: 201, type: ClusterCreatedDto })
  addCluster(
    @CurrentLab() lab: LabAccess,
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: ClusterDto,
  ): Promise<ClusterCreatedDto> {
    return this.dialogues.addCluster(lab, user, id, body.label);
  }

  @Patch('dialogues/:id/clusters/:clusterId')
  @HttpCode(204)
  @Access.labRoles(['coordinator', 'partner'], 'dialogues')
  @ApiOperation({ summary: 'Rename a cluster' })
  @ApiProblems(400, 401, 403, 404, 409)
  @ApiResponse({ status: 204 })
  async renameCluster(
    @CurrentLab() lab: LabAccess,
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIntPipe) id: number,
    @Param('clusterId', ParseIntPipe) clusterId: number,
    @Body() body: ClusterDto,
  ): Promise<void> {
    await this.dialogues.renameCluster(lab, user, id, clusterId, body.label);
  }

  @Delete('dialogues/:id/clusters/:clusterId')
  @HttpCode(204)
  @Access.labRoles(['coordinator', 'partner'], 'dialogues')
  @ApiOperation({ summary: 'Remove a cluster; its notes stay, in no cluster' })
  @ApiProblems(400, 401, 403, 404, 409)
  @ApiResponse({ status: 204 })
  async removeCluster(
    @CurrentLab() lab: LabAccess,
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIntPipe) id: number,
    @Param('clusterId', ParseIntPipe) clusterId: number,
  ): Promise<void> {
    await this.dialogues.removeCluster(lab, user, id, clusterId);
  }

  @Post('dialogues/:id/notes/:noteId/tags')
  @HttpCode(204)
  @Access.labRoles(['coordinator', 'partner'], 'dialogues')
  @ApiOperation({ summary: 'Tag a working ingredient on a good example' })
  @ApiProblems(400, 401, 403, 404, 409)
  @ApiResponse({ status: 204 })
  async tag(
    @CurrentLab() lab: LabAccess,
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIntPipe) id: number,
    @Param('noteId', ParseIntPipe) noteId: number,
    @Body() body: TagDto,
  ): Promise<void> {
    await this.dialogues.tag({ access: lab, user }, id, noteId, body.ingredient);
  }

  @Delete('dialogues/:id/notes/:noteId/tags/:ingredient')
  @HttpCode(204)
  @Access.labRoles(['coordinator', 'partner'], 'dialogues')
  @ApiOperation({ summary: 'Take an ingredient off an example' })
  @ApiProblems(400, 401, 403, 404, 409)
  @ApiResponse({ status: 204 })
  async untag(
    @CurrentLab() lab: LabAccess,
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIntPipe) id: number,
    @Param('noteId', ParseIntPipe) noteId: number,
    @Param('ingredient') ingredient: string,
  ): Promise<void> {
    await this.dialogues.untag(lab, user, id, noteId, ingredient);
  }

  @Post('dialogues/:id/notes/:noteId/take-on')
  @HttpCode(204)
  @Access.labRoles(['coordinator', 'partner'], 'dialogues')
  @ApiOperation({ summary: "Mark a case's tip or question as taken on (for the case owner who has no phone)" })
  @ApiProblems(400, 401, 403, 404, 409)
  @ApiResponse({ status: 204 })
  async takeOn(
    @CurrentLab() lab: LabAccess,
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIntPipe) id: number,
    @Param('noteId', ParseIntPipe) noteId: number,
    @Body() body: TakeOnDto,
  ): Promise<void> {
    await this.dialogues.takeOn({ access: lab, user }, id, noteId, body.takenOn);
  }

  @Post('dialogues/:id/notes/:noteId/moderate')
  @HttpCode(204)
  @Access.labRoles(['coordinator', 'partner'], 'dialogues')
  @ApiOperation({ summary: 'Let a note through to the projector, or hide it with a reason the author sees' })
  @ApiProblems(400, 401, 403, 404, 409)
  @ApiResponse({ status: 204 })
  async moderate(
    @CurrentLab() lab: LabAccess,
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIntPipe) id: number,
    @Param('noteId', ParseIntPipe) noteId: number,
    @Body() body: ModerateNoteDto,
  ): Promise<void> {
    await this.dialogues.moderate(lab, user, id, noteId, body);
  }

  @Get('dialogues/:id/events')
  @Access.labRoles(['coordinator', 'partner'], 'dialogues')
  @ApiOperation({
    summary:
      "The facilitator's events (every note with its words, consent and author): Server-Sent Events with " +
      '`Accept: text/event-stream`, else the events so far as JSON',
  })
  @ApiProduces('text/event-stream', 'application/json')
  @ApiHeader({ name: 'Last-Event-ID', required: false })
  @ApiQuery({ name: 'after', required: false })
  @ApiProblems(400, 401, 403, 404)
  @ApiResponse({ status: 200, type: DialogueEventListDto })
  facilitatorEvents(
    @Param('id', ParseIntPipe) id: number,
    @Req() request: Request,
    @Res() response: Response,
    @Query('after') after?: string,
  ): Promise<void> {
    return this.stream(id, { kind: 'facilitator' }, request, response, after);
  }

  @Get('dialogues/:id/screen/events')
  @Access.labRoles(['coordinator', 'partner'], 'dialogues')
  @ApiOperation({
    summary:
      "The projector's events: only notes let through that may be quoted (never one not to be quoted), the steps; " +
      'Server-Sent Events or JSON as for the facilitator',
  })
  @ApiProduces('text/event-stream', 'application/json')
  @ApiHeader({ name: 'Last-Event-ID', required: false })
  @ApiQuery({ name: 'after', required: false })
  @ApiProblems(400, 401, 403, 404)
  @ApiResponse({ status: 200, type: DialogueEventListDto })
  screenEvents(
    @Param('id', ParseIntPipe) id: number,
    @Req() request: Request,
    @Res() response: Response,
    @Query('after') after?: string,
  ): Promise<void> {
    return this.stream(id, { kind: 'screen' }, request, response, after);
  }

  @Post('dialogues/join')
  @HttpCode(200)
  @Access.public()
  @ApiOperation({
    summary: "Join a dialogue with its code and a display name (no account); sets the phone's token cookie",
  })
  @ApiProblems(400, 404, 410, 429)
  @ApiResponse({ status: 200, type: JoinerDialogueDto })
  async join(
    @Body() body: JoinDialogueDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<JoinerDialogueDto> {
    const { token, dialogue } = await this.dialogues.join(body, request.ip ?? 'unknown');
    response.cookie(JOINER_COOKIE, token, {
      path: '/api/dialogue-joiners',
      httpOnly: true,
      sameSite: 'lax',
      secure: this.config.COOKIE_SECURE ?? request.secure,
      maxAge: 2 * 86_400_000,
    });
    return dialogue;
  }

  @Get('dialogue-joiners/me')
  @Access.public()
  @ApiOperation({ summary: 'The dialogue this phone joined (by its token cookie)' })
  @ApiProblems(404)
  @ApiResponse({ status: 200, type: JoinerDialogueDto })
  async me(@Req() request: Request): Promise<JoinerDialogueDto> {
    return this.dialogues.joinerView(await this.dialogues.joiner(tokenOf(request)));
  }

  @Post('dialogue-joiners/me/notes')
  @HttpCode(200)
  @Access.public()
  @ApiOperation({ summary: 'Post a note; the same `clientId` again answers the stored note (sent twice, stored once)' })
  @ApiProblems(400, 404, 409)
  @ApiResponse({ status: 200, type: NoteDto })
  async post(@Req() request: Request, @Body() body: PostNoteDto): Promise<NoteDto> {
    return this.dialogues.post(await this.dialogues.joiner(tokenOf(request)), body);
  }

  @Put('dialogue-joiners/me/dots/:noteId')
  @HttpCode(204)
  @Access.public()
  @ApiOperation({ summary: 'Place energy dots on a "Hoe kunnen we …?" question (0 takes them off)' })
  @ApiProblems(400, 404, 409)
  @ApiResponse({ status: 204 })
  async dots(
    @Req() request: Request,
    @Param('noteId', ParseIntPipe) noteId: number,
    @Body() body: DotsDto,
  ): Promise<void> {
    await this.dialogues.dots(await this.dialogues.joiner(tokenOf(request)), noteId, body.count);
  }

  @Put('dialogue-joiners/me/votes/:noteId')
  @HttpCode(204)
  @Access.public()
  @ApiOperation({ summary: "Upvote a case's tip or question, or take the vote back" })
  @ApiProblems(400, 404, 409)
  @ApiResponse({ status: 204 })
  async vote(
    @Req() request: Request,
    @Param('noteId', ParseIntPipe) noteId: number,
    @Body() body: VoteDto,
  ): Promise<void> {
    await this.dialogues.vote(await this.dialogues.joiner(tokenOf(request)), noteId, body.vote);
  }

  @Post('dialogue-joiners/me/notes/:noteId/tags')
  @HttpCode(204)
  @Access.public()
  @ApiOperation({ summary: 'Tag a working ingredient on a good example shown at the table' })
  @ApiProblems(400, 404, 409)
  @ApiResponse({ status: 204 })
  async joinerTag(
    @Req() request: Request,
    @Param('noteId', ParseIntPipe) noteId: number,
    @Body() body: TagDto,
  ): Promise<void> {
    const joiner = await this.dialogues.joiner(tokenOf(request));
    await this.dialogues.tag({ joiner }, joiner.dialogueId, noteId, body.ingredient);
  }

  @Post('dialogue-joiners/me/notes/:noteId/take-on')
  @HttpCode(204)
  @Access.public()
  @ApiOperation({ summary: 'As the owner of a case, mark a tip or question for it as taken on, or not' })
  @ApiProblems(400, 404, 409)
  @ApiResponse({ status: 204 })
  async joinerTakeOn(
    @Req() request: Request,
    @Param('noteId', ParseIntPipe) noteId: number,
    @Body() body: TakeOnDto,
  ): Promise<void> {
    const joiner = await this.dialogues.joiner(tokenOf(request));
    await this.dialogues.takeOn({ joiner }, joiner.dialogueId, noteId, body.takenOn);
  }

  @Get('dialogue-joiners/me/events')
  @Access.public()
  @ApiOperation({ summary: "A phone's events: its own notes with status and reason, the steps, the closing" })
  @ApiProduces('text/event-stream', 'application/json')
  @ApiHeader({ name: 'Last-Event-ID', required: false })
  @ApiQuery({ name: 'after', required: false })
  @ApiProblems(404)
  @ApiResponse({ status: 200, type: DialogueEventListDto })
  async joinerEvents(
    @Req() request: Request,
    @Res() response: Response,
    @Query('after') after?: string,
  ): Promise<void> {
    const joiner = await this.dialogues.joiner(tokenOf(request));
    return this.stream(joiner.dialogueId, { kind: 'joiner', joinerId: joiner.id }, request, response, after);
  }

  /**
   * Server-Sent Events from the log: everything after `Last-Event-ID`, then each new event once its write committed
   * (the notifier wakes the stream). Without `Accept: text/event-stream`, the events so far as JSON.
   */
  private async stream(
    id: number,
    viewer: Viewer,
    request: Request,
    response: Response,
    after?: string,
  ): Promise<void> {
    let last = resumeFrom(request, after);
    if (!(request.header('accept') ?? '').includes('text/event-stream')) {
      response.setHeader('Cache-Control', 'no-store');
      response.json(await this.dialogues.eventsAfter(id, viewer, last));
      return;
    }
    response.status(200);
    response.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    response.setHeader('Cache-Control', 'no-store');
    response.setHeader('X-Accel-Buffering', 'no');
    response.flushHeaders();
    response.write('retry: 2000\n\n');
    let pumping = false;
    let again = false;
    let closed = false;
    const pump = async (): Promise<void> => {
      if (pumping) {
        again = true;
        return;
      }
      pumping = true;
      try {
        do {
          again = false;
          const { events, lastEventId } = await this.dialogues.eventsAfter(id, viewer, last);
          if (closed) return;
          for (const event of events) response.write(`id: ${event.id}\ndata: ${JSON.stringify(event)}\n\n`);
          // An id for the events this viewer does not see, so a reconnect does not read them again.
          if (lastEventId > last && (!events.length || events[events.length - 1].id < lastEventId))
            response.write(`id: ${lastEventId}\n\n`);
          last = lastEventId;
        } while (again && !closed);
      } catch {
        response.end();
      } finally {
        pumping = false;
      }
    };
    const unsubscribe = this.dialogues.notifier.subscribe(id, () => void pump());
    const heartbeat = setInterval(() => response.write(': ping\n\n'), HEARTBEAT_MS);
    response.on('close', () => {
      closed = true;
      clearInterval(heartbeat);
      unsubscribe();
    });
    await pump();
  }
}

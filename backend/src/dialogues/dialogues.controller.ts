import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiProduces, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Access } from '../common/access';
import { ApiProblems } from '../common/api-docs';
import { AppConfig } from '../config/app-config';
import { AuthUser, CurrentLab, CurrentUser, LabAccess } from '../common/request-context';
import { DialoguesService, type Viewer } from './dialogues.service';
import {
  CreateDialogueDto,
  DialogueDto,
  DialogueEventListDto,
  DialogueListDto,
  DialogueStepDto,
  JoinDialogueDto,
  JoinerDialogueDto,
  ModerateNoteDto,
  NoteDto,
  PostNoteDto,
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

  @Post('dialogues/:id/close')
  @HttpCode(200)
  @Access.labRoles(['coordinator', 'partner'], 'dialogues')
  @ApiOperation({ summary: 'Close the dialogue: it becomes read-only and its join code stops working' })
  @ApiProblems(400, 401, 403, 404, 409)
  @ApiResponse({ status: 200, type: DialogueDto })
  close(
    @CurrentLab() lab: LabAccess,
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIntPipe) id: number,
  ): Promise<DialogueDto> {
    return this.dialogues.close(lab, user, id);
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

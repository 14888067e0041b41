import { Injectable } from '@nestjs/common';
import type { LabAccess } from '../common/request-context';
import { audiencesFor, viewerOf } from '../observations/visibility';
import type { StoryHighlightsDto } from './dto/highlights.dto';
import { HighlightsRepository } from './highlights.repository';

const SHOWN = 3;

/**
 * "Numbers are signals beside stories": the lab's story page shows the newest stories and the ones its people chose
 * as the most significant change. Rounds are for the lab's members, so what they chose is shown to members only.
 */
@Injectable()
export class HighlightsService {
  constructor(private readonly repo: HighlightsRepository) {}

  async of(access: LabAccess): Promise<StoryHighlightsDto> {
    const viewer = viewerOf(access);
    const audiences = audiencesFor(viewer);
    const member = access.isAdmin || access.role !== null;
    const [recent, significant] = await Promise.all([
      this.repo.recent(access.labId, audiences, SHOWN),
      member ? this.repo.significant(access.labId, audiences, SHOWN) : Promise.resolve([]),
    ]);
    return { recent, significant };
  }
}

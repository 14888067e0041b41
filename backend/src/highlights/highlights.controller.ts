import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Access } from '../common/access';
import { ApiProblems } from '../common/api-docs';
import { CurrentLab, LabAccess } from '../common/request-context';
import { StoryHighlightsDto } from './dto/highlights.dto';
import { HighlightsService } from './highlights.service';

@ApiTags('lab story')
@Controller('labs/:labId')
export class HighlightsController {
  constructor(private readonly highlights: HighlightsService) {}

  @Get('story-highlights')
  @Access.labRead()
  @ApiOperation({
    summary:
      'The newest stories you may read, and (for members) those chosen as the most significant change in closed rounds',
  })
  @ApiResponse({ status: 200, type: StoryHighlightsDto })
  @ApiProblems(400, 404)
  storyHighlights(@CurrentLab() lab: LabAccess): Promise<StoryHighlightsDto> {
    return this.highlights.of(lab);
  }
}

import { ApiProperty } from '@nestjs/swagger';

export class StoryHighlightDto {
  @ApiProperty() id: number;
  @ApiProperty() storyText: string;
  @ApiProperty({ format: 'date' }) observedOn: string;
  @ApiProperty({ type: String, nullable: true }) perspective: string | null;
  @ApiProperty({ type: Number, nullable: true }) iterationNumber: number | null;
  @ApiProperty({ type: String, nullable: true }) experimentTitle: string | null;
}

export class SignificantStoryDto extends StoryHighlightDto {
  @ApiProperty({ description: 'How often contributors chose it as the most significant change' }) nominations: number;
  @ApiProperty({ description: 'In how many closed rounds' }) rounds: number;
  @ApiProperty({ type: [String], description: 'The groups that chose it' }) groups: string[];
}

export class StoryHighlightsDto {
  @ApiProperty({ type: [StoryHighlightDto], description: 'The newest stories you may read' })
  recent: StoryHighlightDto[];
  @ApiProperty({
    type: [SignificantStoryDto],
    description: "Chosen as the most significant change in the lab's closed rounds (members only; empty otherwise)",
  })
  significant: SignificantStoryDto[];
}

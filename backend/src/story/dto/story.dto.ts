import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export const TIMELINE_PAGE = 200;

export class TimelineQueryDto {
  @ApiPropertyOptional({
    minimum: 1,
    maximum: 5000,
    description: `The most recent events to return, oldest first. Default: ${TIMELINE_PAGE}`,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(5000)
  limit?: number;
}

/** For `dialogue_held`: how many joined and what its closing wrote into the lab, in counts. */
export class TimelineDialogueDto {
  @ApiProperty({ description: "Who joined on a phone (not the facilitator's own place)" }) joined: number;
  @ApiProperty({ description: "Its chosen question became the lab's question" }) question: boolean;
  @ApiProperty() stories: number;
  @ApiProperty() learnings: number;
  @ApiProperty({ type: Number, nullable: true, description: 'The number of the cycle its plan started' })
  nextCycle: number | null;
  @ApiProperty() attendance: number;
}

export class TimelineEventDto {
  @ApiProperty({ format: 'date' }) date: string;
  @ApiProperty({
    enum: [
      'lab_started',
      'partner_joined',
      'iteration_started',
      'iteration_decided',
      'hypothesis_status',
      'lab_changed',
      'dialogue_held',
    ],
  })
  kind: string;
  @ApiProperty({ type: String, nullable: true }) title: string | null;
  @ApiProperty({ type: String, nullable: true }) detail: string | null;
  @ApiProperty({ type: Number, nullable: true }) iterationNumber: number | null;
  @ApiProperty({ type: Number, nullable: true }) experimentId: number | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Decision, status or scale code, translated by the dashboard',
  })
  code: string | null;
  @ApiProperty({ type: String, nullable: true }) previousCode: string | null;
  @ApiProperty({ type: Number, nullable: true }) recordId: number | null;
  @ApiPropertyOptional({ type: TimelineDialogueDto, description: 'For `dialogue_held`' })
  dialogue?: TimelineDialogueDto;
}

export class TimelineDto {
  @ApiProperty({ type: [TimelineEventDto], description: 'The most recent events (as many as the limit), oldest first' })
  events: TimelineEventDto[];
  @ApiProperty({ description: 'All events of the lab; more than events.length when earlier ones were left out' })
  total: number;
}

export class IndicatorPointDto {
  @ApiProperty({ format: 'date' }) date: string;
  @ApiProperty() value: number;
  @ApiProperty({ type: Number, nullable: true }) iterationNumber: number | null;
  @ApiProperty({ description: 'Measures averaged into this point (more than one when the series was reduced)' })
  count: number;
}

export class IndicatorSeriesDto {
  @ApiProperty() indicatorId: number;
  @ApiProperty() name: string;
  @ApiProperty() unit: string;
  @ApiProperty() signalOf: string;
  @ApiProperty({ type: [IndicatorPointDto] }) points: IndicatorPointDto[];
  @ApiProperty({ description: 'Measures logged without a context note or a story' }) withoutStory: number;
}

export class RoomGroupDto {
  @ApiProperty() group: string;
  @ApiProperty() count: number;
}

export class ReachPointDto {
  @ApiProperty() iterationId: number;
  @ApiProperty() number: number;
  @ApiProperty() experimentId: number;
  @ApiProperty() startsOn: string;
  @ApiProperty() attendees: number;
  @ApiProperty() newcomers: number;
  @ApiProperty() returning: number;
  @ApiProperty({ description: 'Attendees who described themselves with at least one group: the base for mixing' })
  withGroups: number;
  @ApiProperty({ description: 'Different self-described groups in the room, compared case-insensitively' })
  groupsMet: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description:
      'Mixing, from attendance (who shared the room, not who spoke): of the other attendees with groups, the share ' +
      "that has none of one's own groups, on average (0–1); equally, the share of pairs with no group in common. " +
      'Null with fewer than two attendees with groups; attendees without groups are left out.',
  })
  apartShare: number | null;
  @ApiProperty({
    type: [RoomGroupDto],
    description: 'Attendees per self-described group, most first; someone in two groups counts in both',
  })
  composition: RoomGroupDto[];
}

export class GrowthPointDto {
  @ApiProperty({ format: 'date' }) date: string;
  @ApiProperty() count: number;
  @ApiProperty({ type: String, nullable: true }) label: string | null;
}

export class SnowballPointDto {
  @ApiProperty() iterationId: number;
  @ApiProperty() number: number;
  @ApiProperty() startsOn: string;
  @ApiProperty() direct: number;
  @ApiProperty() broughtByOthers: number;
}

export class ChartsDto {
  @ApiProperty({ type: [IndicatorSeriesDto] }) indicators: IndicatorSeriesDto[];
  @ApiProperty({ type: [ReachPointDto] }) reach: ReachPointDto[];
  @ApiProperty({ type: [GrowthPointDto] }) partners: GrowthPointDto[];
  @ApiProperty({ type: [SnowballPointDto] }) snowball: SnowballPointDto[];
}

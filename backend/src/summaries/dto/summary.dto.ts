import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, Min } from 'class-validator';
import { SUMMARY_AUDIENCES, type SummaryAudience } from '../summary-snapshot.entity';

export class SummaryQueryDto {
  @ApiProperty({ enum: SUMMARY_AUDIENCES, description: 'Only material allowed for this audience appears' })
  @IsIn(SUMMARY_AUDIENCES)
  audience: SummaryAudience;
}

export class CreateSnapshotDto {
  @ApiProperty({ enum: SUMMARY_AUDIENCES })
  @IsIn(SUMMARY_AUDIENCES)
  audience: SummaryAudience;

  @ApiPropertyOptional({ description: 'For the summary of one closed evaluation round of this lab' })
  @IsOptional()
  @IsInt()
  @Min(1)
  roundId?: number;
}

export class SummaryCycleDto {
  @ApiProperty() experimentTitle: string;
  @ApiProperty() number: number;
  @ApiProperty({ format: 'date' }) startsOn: string;
  @ApiProperty({ type: String, nullable: true, description: 'What was tried, in one line' }) line: string | null;
  @ApiProperty({ type: String, nullable: true }) decision: string | null;
  @ApiProperty() attendees: number;
  @ApiProperty() newcomers: number;
  @ApiProperty({ description: 'Different self-described groups in the room' }) groupsMet: number;
}

export class SummaryReachDto {
  @ApiProperty({ description: 'Attendances over all cycles (a person at two cycles counts twice)' })
  attendances: number;
  @ApiProperty({ description: 'People at their first cycle of this lab' }) newcomers: number;
  @ApiProperty({ description: 'The most different self-described groups met in one cycle' }) mostGroupsMet: number;
  @ApiProperty() cycles: number;
}

export class SummaryGroupViewDto {
  @ApiProperty() group: string;
  @ApiProperty() n: number;
  @ApiProperty({ type: Number, nullable: true, description: 'The middle answer on 1–5' }) median: number | null;
  @ApiProperty({ type: Number, nullable: true }) min: number | null;
  @ApiProperty({ type: Number, nullable: true }) max: number | null;
}

export class SummaryDimensionDto {
  @ApiProperty() dimension: string;
  @ApiProperty({ type: [SummaryGroupViewDto] }) groups: SummaryGroupViewDto[];
  @ApiProperty({ description: 'The groups answer far apart: shown, not averaged away' }) diverges: boolean;
}

export class SummaryRoundDto {
  @ApiProperty() id: number;
  @ApiProperty() title: string;
  @ApiProperty() periodStart: string;
  @ApiProperty() periodEnd: string;
  @ApiProperty() contributions: number;
  @ApiProperty({ type: [SummaryDimensionDto] }) dimensions: SummaryDimensionDto[];
}

export class SummaryQuoteDto {
  @ApiProperty() text: string;
  @ApiProperty({ type: String, nullable: true }) perspective: string | null;
  @ApiProperty({ format: 'date' }) observedOn: string;
}

export class SummaryLearningDto {
  @ApiProperty() title: string;
  @ApiProperty() type: string;
  @ApiProperty() maturity: string;
  @ApiProperty() snippet: string;
}

/** One A4 page for the council: every number beside its explanation; no score, no ranking, no red or green. */
export class SummaryDto {
  @ApiProperty() labId: number;
  @ApiProperty() labName: string;
  @ApiProperty() municipality: string;
  @ApiProperty({ type: String, nullable: true }) neighbourhood: string | null;
  @ApiProperty({ description: 'The "Hoe kunnen we …?" question' }) question: string;
  @ApiProperty({ description: 'The positive aim' }) aim: string;
  @ApiProperty({ enum: SUMMARY_AUDIENCES }) audience: SummaryAudience;
  @ApiProperty({ description: 'When the content was read' }) generatedAt: string;
  @ApiProperty({ type: [SummaryCycleDto] }) cycles: SummaryCycleDto[];
  @ApiProperty({ type: SummaryReachDto }) reach: SummaryReachDto;
  @ApiProperty({ type: SummaryRoundDto, nullable: true, description: 'The round the appreciations come from' })
  round: SummaryRoundDto | null;
  @ApiProperty({ type: [SummaryQuoteDto], description: 'At most two, whose consent and audience allow it' })
  quotes: SummaryQuoteDto[];
  @ApiProperty({ type: [SummaryLearningDto], description: 'Published learnings, with their maturity' })
  learnings: SummaryLearningDto[];
  @ApiProperty({ type: [SummaryLearningDto], description: 'What the partners ask of the municipality next' })
  asks: SummaryLearningDto[];
}

export class SnapshotDto {
  @ApiProperty() id: number;
  @ApiProperty() labId: number;
  @ApiProperty({ type: Number, nullable: true }) roundId: number | null;
  @ApiProperty({ enum: SUMMARY_AUDIENCES }) audience: SummaryAudience;
  @ApiProperty({ description: 'The day it was frozen' }) createdAt: string;
  @ApiProperty({ description: 'The lab has changed since: a newer summary would differ' }) newerDataExists: boolean;
  @ApiProperty({ type: SummaryDto }) summary: SummaryDto;
}

export class SnapshotSummaryDto {
  @ApiProperty() id: number;
  @ApiProperty({ type: Number, nullable: true }) roundId: number | null;
  @ApiProperty({ enum: SUMMARY_AUDIENCES }) audience: SummaryAudience;
  @ApiProperty() createdAt: string;
}

export class SnapshotListDto {
  @ApiProperty({ type: [SnapshotSummaryDto] }) items: SnapshotSummaryDto[];
}

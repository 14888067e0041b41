import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { Id, Text, Version } from '../../common/dto/fields';
import { HYPOTHESIS_STATUSES } from '../hypothesis.entity';

export class CreateHypothesisDto {
  @Text(2000, { example: 'mensen persoonlijk uitnodigen', description: 'If we …' }) ifWe: string;
  @Text(2000, { example: 'komen ook mensen die niet vanzelf komen', description: 'then …' }) then: string;
  @Text(2000, { example: 'een persoonlijke uitnodiging laat zien dat je welkom bent', description: 'because …' })
  because: string;
  @Text(2000, { optional: true, nullable: true, description: 'What would change our mind' }) wouldChangeMind?:
    string | null;
}

export class UpdateHypothesisDto {
  @Version() version: number;
  @Text(2000, { optional: true }) ifWe?: string;
  @Text(2000, { optional: true }) then?: string;
  @Text(2000, { optional: true }) because?: string;
  @Text(2000, { optional: true, nullable: true }) wouldChangeMind?: string | null;
}

export class ChangeHypothesisStatusDto {
  @Version() version: number;
  @ApiProperty({ enum: HYPOTHESIS_STATUSES.filter((s) => s !== 'revised') })
  @IsIn(HYPOTHESIS_STATUSES.filter((s) => s !== 'revised'), {
    message:
      'must be one of open, testing, supported, partly_supported, not_supported, dropped (use revise for a revision)',
  })
  status: string;
  @Id({ optional: true, nullable: true, description: 'The iteration this conclusion comes from' }) iterationId?:
    number | null;
  @Text(4000, { description: 'Why the status changes' }) rationale: string;
  @Text(4000, { optional: true, nullable: true, description: 'The evidence it rests on' }) evidence?: string | null;
}

export class ReviseHypothesisDto extends CreateHypothesisDto {
  @Version() version: number;
  @Id({ optional: true, nullable: true }) iterationId?: number | null;
  @Text(4000, { description: 'Why the hypothesis is revised' }) rationale: string;
}

export class HypothesisWordingDto {
  @ApiProperty() ifWe: string;
  @ApiProperty() then: string;
  @ApiProperty() because: string;
  @ApiProperty({ type: String, nullable: true }) wouldChangeMind: string | null;
}

export class HypothesisEventDto {
  @ApiProperty() id: number;
  @ApiProperty({ type: Number, nullable: true }) iterationId: number | null;
  @ApiProperty({ type: Number, nullable: true }) iterationNumber: number | null;
  @ApiProperty({ enum: HYPOTHESIS_STATUSES, nullable: true, type: String }) fromStatus: string | null;
  @ApiProperty({ enum: HYPOTHESIS_STATUSES }) toStatus: string;
  @ApiProperty() rationale: string;
  @ApiProperty({ type: String, nullable: true }) evidence: string | null;
  @ApiProperty({ type: String, nullable: true }) byName: string | null;
  @ApiProperty() at: string;
}

export class HypothesisDto extends HypothesisWordingDto {
  @ApiProperty() id: number;
  @ApiProperty() labId: number;
  @ApiProperty() experimentId: number;
  @ApiProperty({ enum: HYPOTHESIS_STATUSES }) status: string;
  @ApiProperty({ type: HypothesisWordingDto, description: 'The wording as first registered (frozen)' })
  registered: HypothesisWordingDto;
  @ApiProperty({ type: [String], description: 'Parts whose current wording deviates from the registered one' })
  deviations: string[];
  @ApiProperty({ type: Number, nullable: true }) replacesId: number | null;
  @ApiProperty({ type: Number, nullable: true }) replacedById: number | null;
  @ApiProperty({ type: [HypothesisEventDto] }) events: HypothesisEventDto[];
  @ApiProperty() version: number;
  @ApiProperty() createdAt: string;
}

export class HypothesisListDto {
  @ApiProperty({ type: [HypothesisDto] }) items: HypothesisDto[];
}

export class RevisedHypothesisDto {
  @ApiProperty({ type: HypothesisDto }) previous: HypothesisDto;
  @ApiProperty({ type: HypothesisDto }) revision: HypothesisDto;
}

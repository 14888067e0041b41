import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDateString,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { PageQueryDto } from '../../common/dto/common.dto';
import { LAB_ROLES, LabRole, VISIBILITIES, Visibility } from '../../common/vocabulary';
import { LAB_STATUSES, LabStatus, SCALES, Scale } from '../lab.entity';

export class CreateLabDto {
  @ApiProperty({ example: 'Samen eten in de wijk' })
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  name: string;

  @ApiProperty({ example: 'Hoe kunnen we buren die elkaar niet kennen samen aan tafel krijgen?' })
  @IsString()
  @MinLength(5)
  @MaxLength(2000)
  question: string;

  @ApiProperty({ example: 'Een wijk waar iedereen iemand kent om mee te eten.' })
  @IsString()
  @MinLength(5)
  @MaxLength(2000)
  aim: string;

  @ApiProperty({ example: 'Utrecht' })
  @IsString()
  @MinLength(2)
  @MaxLength(120)
  municipality: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(120)
  neighbourhood?: string | null;

  @ApiProperty({ type: [String], example: ['encounter', 'health'] })
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(60, { each: true })
  themes: string[];

  @ApiPropertyOptional({
    type: [String],
    description: 'Value dimensions the lab cares about; defaults to the broad-welfare set',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @MaxLength(60, { each: true })
  valueDimensions?: string[];

  @ApiPropertyOptional({ enum: LAB_STATUSES, description: 'Default: exploring' })
  @IsOptional()
  @IsIn(LAB_STATUSES)
  status?: LabStatus;

  @ApiPropertyOptional({ enum: SCALES, description: 'Default: street' })
  @IsOptional()
  @IsIn(SCALES)
  scale?: Scale;

  @ApiPropertyOptional({ enum: VISIBILITIES, description: 'Default: members' })
  @IsOptional()
  @IsIn(VISIBILITIES)
  visibility?: Visibility;

  @ApiPropertyOptional({ description: 'Adopt a lab from another municipality: the lab this one starts from' })
  @IsOptional()
  @IsInt()
  @Min(1)
  originLabId?: number;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'Under which conditions the approach transfers to this place',
  })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  transferConditions?: string | null;
}

export class UpdateLabDto {
  @ApiProperty({ description: 'The version you loaded; a stale version gets 409 with the current lab' })
  @IsInt()
  @Min(1)
  version: number;

  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(2) @MaxLength(200) name?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(5) @MaxLength(2000) question?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(5) @MaxLength(2000) aim?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(2) @MaxLength(120) municipality?: string;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsString() @MaxLength(120) neighbourhood?:
    string | null;
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(60, { each: true })
  themes?: string[];
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @MaxLength(60, { each: true })
  valueDimensions?: string[];
  @ApiPropertyOptional({ enum: LAB_STATUSES }) @IsOptional() @IsIn(LAB_STATUSES) status?: LabStatus;
  @ApiPropertyOptional({ enum: SCALES }) @IsOptional() @IsIn(SCALES) scale?: Scale;
  @ApiPropertyOptional({ enum: VISIBILITIES }) @IsOptional() @IsIn(VISIBILITIES) visibility?: Visibility;
  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  transferConditions?: string | null;
  @ApiPropertyOptional({
    description: 'Close an iteration only when people from two stakeholder groups reflected on it',
  })
  @IsOptional()
  @IsBoolean()
  cosignedReflection?: boolean;
}

export class LabListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Words in the name, question, aim or place' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(60)
  theme?: string;

  @ApiPropertyOptional({ enum: LAB_STATUSES })
  @IsOptional()
  @IsIn(LAB_STATUSES)
  status?: LabStatus;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(120)
  municipality?: string;

  @ApiPropertyOptional({ description: 'Only labs you are a member of' })
  @IsOptional()
  @IsIn(['true', 'false'])
  mine?: 'true' | 'false';
}

export class PartnerDto {
  @ApiProperty() organisationId: number;
  @ApiProperty() name: string;
  @ApiProperty() kind: string;
  @ApiProperty() joinedAt: string;
  @ApiProperty({ type: Number, nullable: true }) invitedByOrganisationId: number | null;
}

export class LabSummaryDto {
  @ApiProperty() id: number;
  @ApiProperty() slug: string;
  @ApiProperty() name: string;
  @ApiProperty() question: string;
  @ApiProperty() aim: string;
  @ApiProperty() municipality: string;
  @ApiProperty({ type: String, nullable: true }) neighbourhood: string | null;
  @ApiProperty({ type: [String] }) themes: string[];
  @ApiProperty({ enum: LAB_STATUSES }) status: LabStatus;
  @ApiProperty({ enum: SCALES }) scale: Scale;
  @ApiProperty({ enum: VISIBILITIES }) visibility: Visibility;
  @ApiProperty({ enum: LAB_ROLES, nullable: true, type: String }) myRole: LabRole | null;
}

export class LabListDto {
  @ApiProperty({ type: [LabSummaryDto] }) items: LabSummaryDto[];
  @ApiProperty() total: number;
}

export class LabOriginDto {
  @ApiProperty() id: number;
  @ApiProperty() name: string;
  @ApiProperty() municipality: string;
}

export class LabDto extends LabSummaryDto {
  @ApiProperty({ type: [String] }) valueDimensions: string[];
  @ApiProperty() version: number;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
  @ApiProperty({ type: [PartnerDto] }) partners: PartnerDto[];
  @ApiProperty({ type: LabOriginDto, nullable: true }) origin: LabOriginDto | null;
  @ApiProperty({ type: String, nullable: true }) transferConditions: string | null;
  @ApiProperty() experimentCount: number;
  @ApiProperty() iterationCount: number;
  @ApiProperty() memberCount: number;
  @ApiProperty() cosignedReflection: boolean;
}

export class AddPartnerDto {
  @ApiProperty() @IsInt() @Min(1) organisationId: number;
  @ApiPropertyOptional({ description: 'The partner organisation that brought this one in (snowball)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  invitedByOrganisationId?: number;
  @ApiPropertyOptional({
    example: '2025-03-01',
    description: 'Since when the organisation takes part (a day, not in the future); default today',
  })
  @IsOptional()
  @IsDateString({ strict: true }, { message: 'must be a date like 2025-03-01' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date like 2025-03-01' })
  joinedOn?: string;
}

export class MemberDto {
  @ApiProperty({ description: 'The membership (not the account)' }) id: number;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: LAB_ROLES }) role: LabRole;
  @ApiProperty() since: string;
  @ApiProperty({ description: 'Whether you are this member' }) isYou: boolean;
  @ApiProperty({
    description:
      'Whether a coordinator may make a sign-in link for this member ' +
      '(a resident or observer without a password, in your labs only)',
  })
  canGetSignInLink: boolean;
}

export class MemberListDto {
  @ApiProperty({ type: [MemberDto] }) items: MemberDto[];
}

export class ChangeMemberDto {
  @ApiProperty({ enum: LAB_ROLES })
  @IsIn(LAB_ROLES, { message: 'must be coordinator, partner, resident or observer' })
  role: LabRole;
}

export class HistoryQueryDto extends PageQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Matches(/^[a-z_]{1,40}$/) entityType?: string;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(1) entityId?: number;
}

export class HistoryChangeDto {
  @ApiProperty() from: unknown;
  @ApiProperty() to: unknown;
}

export class HistorySubjectDto {
  @ApiProperty({ type: String, nullable: true, description: 'Title, name, pseudonym or "if we", as last recorded' })
  label: string | null;
  @ApiProperty({ type: Number, nullable: true, description: "A cycle's number" }) number: number | null;
  @ApiProperty({ type: String, nullable: true, description: "An observation's kind" }) kind: string | null;
  @ApiProperty({ type: String, nullable: true, description: "An observation's date" }) date: string | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: "The experiment of a cycle or hypothesis; a measure's indicator",
  })
  parentId: number | null;
  @ApiProperty({ type: String, nullable: true }) parentLabel: string | null;
  @ApiProperty({ description: 'The record was deleted since' }) deleted: boolean;
}

export class HistoryEntryDto {
  @ApiProperty() id: number;
  @ApiProperty() entityType: string;
  @ApiProperty() entityId: number;
  @ApiProperty({ enum: ['create', 'update', 'delete'] }) action: 'create' | 'update' | 'delete';
  @ApiProperty({ type: 'object', additionalProperties: { type: 'object', properties: { from: {}, to: {} } } })
  changes: Record<string, HistoryChangeDto>;
  @ApiProperty() at: string;
  @ApiProperty({ type: Number, nullable: true }) userId: number | null;
  @ApiProperty({ type: String, nullable: true }) userName: string | null;
  @ApiProperty({ type: HistorySubjectDto, description: 'The record named in words, never by its id alone' })
  subject: HistorySubjectDto;
}

export class HistoryListDto {
  @ApiProperty({ type: [HistoryEntryDto] }) items: HistoryEntryDto[];
  @ApiProperty() total: number;
}

import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsObject, ValidateNested } from 'class-validator';
import { Id, Tags, Text, Version } from '../../common/dto/fields';

export class ConsentDto {
  @ApiProperty({ description: 'Consents to taking part' }) @IsBoolean() participation: boolean;
  @ApiProperty({ description: 'May be quoted (stories with their words)' }) @IsBoolean() quote: boolean;
  @ApiProperty({ description: 'May appear in photos' }) @IsBoolean() photo: boolean;
  @ApiProperty({ description: 'May be contacted' }) @IsBoolean() contact: boolean;
  @Text(40, { example: 'toestemming-2025-1', description: 'Which consent text was agreed to' }) textVersion: string;
}

export class CreateParticipantDto {
  @Text(120, { example: 'Buurvrouw A.' }) pseudonym: string;
  @Tags(20, { optional: true, description: 'Self-described groups, e.g. "65+", "nieuwkomer"' }) groups?: string[];
  @Text(200, { optional: true, nullable: true }) affiliation?: string | null;
  @Text(254, { optional: true, nullable: true, description: 'Only with contact consent' }) contact?: string | null;
  @Id({ optional: true, nullable: true, description: 'The participant who brought this one (snowball)' })
  invitedByParticipantId?: number | null;
  @ApiProperty({ type: ConsentDto }) @IsObject() @ValidateNested() @Type(() => ConsentDto) consent: ConsentDto;
}

export class UpdateParticipantDto {
  @Version() version: number;
  @Text(120, { optional: true }) pseudonym?: string;
  @Tags(20, { optional: true }) groups?: string[];
  @Text(200, { optional: true, nullable: true }) affiliation?: string | null;
  @Text(254, { optional: true, nullable: true }) contact?: string | null;
  @Id({ optional: true, nullable: true }) invitedByParticipantId?: number | null;
}

export class SetConsentDto extends ConsentDto {
  @Version() version: number;
}

export class ConsentRecordDto {
  @ApiProperty() participation: boolean;
  @ApiProperty() quote: boolean;
  @ApiProperty() photo: boolean;
  @ApiProperty() contact: boolean;
  @ApiProperty({ type: String, nullable: true }) givenAt: string | null;
  @ApiProperty({ type: String, nullable: true }) withdrawnAt: string | null;
  @ApiProperty({ type: String, nullable: true }) textVersion: string | null;
}

export class ParticipantDto {
  @ApiProperty() id: number;
  @ApiProperty() labId: number;
  @ApiProperty() pseudonym: string;
  @ApiProperty({ type: [String] }) groups: string[];
  @ApiProperty({ type: String, nullable: true }) affiliation: string | null;
  @ApiProperty({ type: String, nullable: true }) contact: string | null;
  @ApiProperty({ type: Number, nullable: true }) invitedByParticipantId: number | null;
  @ApiProperty({ type: ConsentRecordDto }) consent: ConsentRecordDto;
  @ApiProperty() attendedIterations: number;
  @ApiProperty({ description: 'Erased on request: only a placeholder is left, kept for the counts' }) erased: boolean;
  @ApiProperty() version: number;
}

export class ParticipantListDto {
  @ApiProperty({ type: [ParticipantDto] }) items: ParticipantDto[];
}

import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { Text } from '../../common/dto/fields';
import { STAKEHOLDER_GROUPS } from '../../common/vocabulary';

export class ReflectionInputDto {
  @ApiProperty({ enum: STAKEHOLDER_GROUPS }) @IsIn(STAKEHOLDER_GROUPS) stakeholderGroup: string;
  @Text(4000) text: string;
}

export class ReflectionDto {
  @ApiProperty() id: number;
  @ApiProperty({ enum: STAKEHOLDER_GROUPS }) stakeholderGroup: string;
  @ApiProperty() text: string;
  @ApiProperty() byName: string;
  @ApiProperty() at: string;
}

export class ReflectionListDto {
  @ApiProperty({ type: [ReflectionDto] }) items: ReflectionDto[];
  @ApiProperty({ description: 'Distinct stakeholder groups that reflected' }) groups: number;
  @ApiProperty({ description: 'The lab requires reflections from two groups before a decision closes the iteration' })
  required: boolean;
}

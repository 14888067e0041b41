import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsInt, Min } from 'class-validator';

export class SetAttendanceDto {
  @ApiProperty({ type: [Number], description: 'Every participant who attended; replaces the list' })
  @IsArray()
  @ArrayMaxSize(5000)
  @IsInt({ each: true })
  @Min(1, { each: true })
  participantIds: number[];
}

export class AttendanceDto {
  @ApiProperty({ type: [Number] }) participantIds: number[];
}

import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'coordinator@demo.nl' })
  @IsEmail({}, { message: 'must be an e-mail address' })
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'een-lang-wachtwoord' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  password: string;
}

// MeDto and SessionDto moved to users/dto/session.dto.ts; this re-export goes once every importer uses it.
export { MeDto, MembershipDto, SessionDto } from '../../users/dto/session.dto';

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

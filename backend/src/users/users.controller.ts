import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { MeDto } from '../auth/dto/auth.dto';
import { Access } from '../common/access';
import { ApiProblems } from '../common/api-docs';
import { PageQueryDto } from '../common/dto/common.dto';
import { AuthUser, CurrentUser } from '../common/request-context';
import { CreateUserDto, UpdateMeDto, UserDto, UserListDto } from './dto/user.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @Access.admin()
  @ApiOperation({ summary: 'All accounts of the installation (admin)' })
  @ApiResponse({ status: 200, type: UserListDto })
  list(@Query() query: PageQueryDto): Promise<UserListDto> {
    return this.users.list(query.limit, query.offset);
  }

  @Post()
  @Access.admin()
  @ApiOperation({ summary: 'Create an account with e-mail and password (admin)' })
  @ApiProblems(400)
  @ApiResponse({ status: 201, type: UserDto })
  create(@Body() body: CreateUserDto): Promise<UserDto> {
    return this.users.create(body);
  }

  @Patch('me')
  @Access.authenticated()
  @ApiOperation({ summary: 'Change your own language or display name' })
  @ApiProblems(400)
  @ApiResponse({ status: 200, type: MeDto })
  updateMe(@CurrentUser() user: AuthUser, @Body() body: UpdateMeDto): Promise<MeDto> {
    return this.users.updateMe(user, body);
  }
}

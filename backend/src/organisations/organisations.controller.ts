import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Access } from '../common/access';
import { ApiProblems } from '../common/api-docs';
import { AuthUser, CurrentUser } from '../common/request-context';
import { CreateOrganisationDto, OrganisationDto, OrganisationListDto } from './dto/organisation.dto';
import { OrganisationsService } from './organisations.service';

@ApiTags('organisations')
@Controller('organisations')
export class OrganisationsController {
  constructor(private readonly organisations: OrganisationsService) {}

  @Get()
  @Access.authenticated()
  @ApiOperation({ summary: 'All organisations of the installation' })
  @ApiResponse({ status: 200, type: OrganisationListDto })
  async list(): Promise<OrganisationListDto> {
    return { items: await this.organisations.list() };
  }

  @Post()
  @Access.staff()
  @ApiOperation({
    summary: 'Register an organisation (admins and accounts with an e-mail address, such as coordinators)',
  })
  @ApiProblems(400, 401, 403)
  @ApiResponse({ status: 201, type: OrganisationDto })
  create(@CurrentUser() user: AuthUser, @Body() body: CreateOrganisationDto): Promise<OrganisationDto> {
    return this.organisations.create(user, body);
  }
}

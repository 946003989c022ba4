import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query, Req } from '@nestjs/common';
import {
  CategoryOwnerListSchema,
  CategoryOwnerSchema,
  CategoryParamsSchema,
  CreatedShareLinkSchema,
  CreateShareLinkRequestSchema,
  DigestPreviewRequestSchema,
  DigestPreviewSchema,
  DigestSendRequestSchema,
  DigestSendResultSchema,
  IdParamsSchema,
  NotifyAuthorsRequestSchema,
  NotifyAuthorsResultSchema,
  PutCategoryOwnerRequestSchema,
  RootCauseBoardQuerySchema,
  RootCauseBoardSchema,
  RootCauseDetailSchema,
  RootCauseStatusSchema,
  SetRootCauseStatusRequestSchema,
  ShareLinkListSchema,
  type CategoryOwner,
  type CategoryOwnerList,
  type CategoryParams,
  type CreatedShareLink,
  type DigestPreview,
  type DigestSendResult,
  type IdParams,
  type NotifyAuthorsResult,
  type RootCauseBoard,
  type RootCauseDetail,
  type RootCauseStatus,
  type ShareLinkList,
} from '@earshot/contracts';
import type { z } from 'zod';
import type { AuthContext, AuthedRequest } from '../../common/auth-context.js';
import { ApiDoc } from '../../common/decorators/api-doc.decorator.js';
import { Auth } from '../../common/decorators/auth.decorator.js';
import { RequireRole } from '../../common/decorators/require-role.decorator.js';
import { ZodValidationPipe } from '../../common/pipes/zod-validation.pipe.js';
import { requestMeta } from '../../common/request-meta.util.js';
import { NotifyAuthorsService } from './notify-authors.service.js';
import { OwnerDigestService } from './owner-digest.service.js';
import { RootCausesService } from './root-causes.service.js';

type BoardQuery = z.output<typeof RootCauseBoardQuerySchema>;

/**
 * The root-cause board for the desk. Fixed paths (owners, share-links, digest) are declared
 * before `:category`, so those words are never read as a category.
 */
@Controller('root-causes')
export class RootCausesController {
  constructor(
    private readonly rootCauses: RootCausesService,
    private readonly digest: OwnerDigestService,
    private readonly notifier: NotifyAuthorsService,
  ) {}

  @Get()
  @ApiDoc({
    tag: 'root-causes',
    summary:
      'The root-cause board: per complaint category, volume and negative share per day, change vs the previous period, authors, reach, representatives, owner, status',
    query: RootCauseBoardQuerySchema,
    response: RootCauseBoardSchema,
  })
  board(@Auth() auth: AuthContext, @Query(new ZodValidationPipe(RootCauseBoardQuerySchema)) q: BoardQuery): Promise<RootCauseBoard> {
    return this.rootCauses.board(auth, q);
  }

  @Get('owners')
  @RequireRole('manager')
  @ApiDoc({ tag: 'root-causes', summary: 'The owning department of each category', response: CategoryOwnerListSchema })
  async owners(@Auth() auth: AuthContext): Promise<CategoryOwnerList> {
    return { items: await this.rootCauses.listOwners(auth) };
  }

  @Put('owners/:category')
  @RequireRole('manager')
  @ApiDoc({
    tag: 'root-causes',
    summary: "Set a category's owner (department, one e-mail address, an optional https webhook for status changes)",
    body: PutCategoryOwnerRequestSchema,
    response: CategoryOwnerSchema,
  })
  putOwner(
    @Auth() auth: AuthContext,
    @Param(new ZodValidationPipe(CategoryParamsSchema)) p: CategoryParams,
    @Body(new ZodValidationPipe(PutCategoryOwnerRequestSchema)) body: z.output<typeof PutCategoryOwnerRequestSchema>,
    @Req() req: AuthedRequest,
  ): Promise<CategoryOwner> {
    return this.rootCauses.putOwner(auth, p.category, body, requestMeta(req));
  }

  @Delete('owners/:category')
  @HttpCode(204)
  @RequireRole('manager')
  @ApiDoc({ tag: 'root-causes', summary: "Remove a category's owner", status: 204 })
  removeOwner(@Auth() auth: AuthContext, @Param(new ZodValidationPipe(CategoryParamsSchema)) p: CategoryParams, @Req() req: AuthedRequest): Promise<void> {
    return this.rootCauses.deleteOwner(auth, p.category, requestMeta(req));
  }

  @Get('share-links')
  @RequireRole('manager')
  @ApiDoc({ tag: 'root-causes', summary: 'Owner share links (tokens are never shown again)', response: ShareLinkListSchema })
  async shareLinks(@Auth() auth: AuthContext): Promise<ShareLinkList> {
    return { items: await this.rootCauses.listShareLinks(auth) };
  }

  @Post('share-links')
  @HttpCode(201)
  @RequireRole('manager')
  @ApiDoc({
    tag: 'root-causes',
    summary: 'An expiring link (1-90 days) that shows an owner the board of these categories only and lets them set the status; the token is shown once',
    body: CreateShareLinkRequestSchema,
    response: CreatedShareLinkSchema,
    status: 201,
  })
  createShareLink(
    @Auth() auth: AuthContext,
    @Body(new ZodValidationPipe(CreateShareLinkRequestSchema)) body: z.output<typeof CreateShareLinkRequestSchema>,
    @Req() req: AuthedRequest,
  ): Promise<CreatedShareLink> {
    return this.rootCauses.createShareLink(auth, body, requestMeta(req));
  }

  @Delete('share-links/:id')
  @HttpCode(204)
  @RequireRole('manager')
  @ApiDoc({ tag: 'root-causes', summary: 'Revoke a share link', status: 204 })
  revokeShareLink(@Auth() auth: AuthContext, @Param(new ZodValidationPipe(IdParamsSchema)) p: IdParams, @Req() req: AuthedRequest): Promise<void> {
    return this.rootCauses.revokeShareLink(auth, p.id, requestMeta(req));
  }

  @Post('digest/preview')
  @HttpCode(200)
  @RequireRole('manager')
  @ApiDoc({
    tag: 'root-causes',
    summary: 'The weekly digest an owner address would get, without sending it',
    body: DigestPreviewRequestSchema,
    response: DigestPreviewSchema,
  })
  preview(
    @Auth() auth: AuthContext,
    @Body(new ZodValidationPipe(DigestPreviewRequestSchema)) body: z.output<typeof DigestPreviewRequestSchema>,
  ): Promise<DigestPreview> {
    return this.digest.preview(auth, body.email);
  }

  @Post('digest/send')
  @HttpCode(200)
  @RequireRole('manager')
  @ApiDoc({
    tag: 'root-causes',
    summary: 'Send the weekly digest now: to one owner address, or to every owner',
    body: DigestSendRequestSchema,
    response: DigestSendResultSchema,
  })
  send(
    @Auth() auth: AuthContext,
    @Body(new ZodValidationPipe(DigestSendRequestSchema)) body: z.output<typeof DigestSendRequestSchema>,
    @Req() req: AuthedRequest,
  ): Promise<DigestSendResult> {
    return this.digest.sendNow(auth, body.email, requestMeta(req));
  }

  @Get(':category')
  @ApiDoc({
    tag: 'root-causes',
    summary: "One category's board row with its status history and, after a fix, recurrence, recovery and the verdict",
    query: RootCauseBoardQuerySchema,
    response: RootCauseDetailSchema,
  })
  detail(
    @Auth() auth: AuthContext,
    @Param(new ZodValidationPipe(CategoryParamsSchema)) p: CategoryParams,
    @Query(new ZodValidationPipe(RootCauseBoardQuerySchema)) q: BoardQuery,
  ): Promise<RootCauseDetail> {
    return this.rootCauses.detail(auth, p.category, q);
  }

  @Put(':category/status')
  @RequireRole('manager')
  @ApiDoc({
    tag: 'root-causes',
    summary: "Set a category's status (open, investigating, fix_shipped with the day, not in the future); kept in its history and audited",
    body: SetRootCauseStatusRequestSchema,
    response: RootCauseStatusSchema,
  })
  setStatus(
    @Auth() auth: AuthContext,
    @Param(new ZodValidationPipe(CategoryParamsSchema)) p: CategoryParams,
    @Body(new ZodValidationPipe(SetRootCauseStatusRequestSchema)) body: z.output<typeof SetRootCauseStatusRequestSchema>,
    @Req() req: AuthedRequest,
  ): Promise<RootCauseStatus> {
    return this.rootCauses.setStatusAsUser(auth, p.category, body, requestMeta(req));
  }

  @Post(':category/notify')
  @HttpCode(200)
  @RequireRole('manager')
  @ApiDoc({
    tag: 'root-causes',
    summary:
      'After a fix shipped: queue one reply per author who complained in the category (to their latest complaint) through the reply outbox; counts queued and skipped with reasons',
    body: NotifyAuthorsRequestSchema,
    response: NotifyAuthorsResultSchema,
  })
  notify(
    @Auth() auth: AuthContext,
    @Param(new ZodValidationPipe(CategoryParamsSchema)) p: CategoryParams,
    @Body(new ZodValidationPipe(NotifyAuthorsRequestSchema)) body: z.output<typeof NotifyAuthorsRequestSchema>,
    @Req() req: AuthedRequest,
  ): Promise<NotifyAuthorsResult> {
    return this.notifier.notify(auth, p.category, body, requestMeta(req));
  }
}
